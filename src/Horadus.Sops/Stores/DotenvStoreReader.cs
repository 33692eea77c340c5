using System.Text;

namespace Horadus.Sops.Stores;

/// <summary>
/// sops's dotenv parsing: split on "\n", skip empty lines, "#" starts a comment, otherwise KEY=value split at
/// the first "=". Every value is a string; a literal "\n" in a value means a newline. No quoting rules.
/// </summary>
internal static class DotenvStoreReader
{
    public static SopsMapping Load(ReadOnlySpan<byte> bytes)
    {
        var items = new List<SopsMappingItem>();
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                items.Add(new SopsMappingItem(null, new SopsComment(line[1..])));
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                // The line may be a secret: do not quote it.
                throw SopsException.Malformed("invalid dotenv input line: no '=' found");
            }

            var value = line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal);
            items.Add(new SopsMappingItem(line[..equals], SopsScalar.FromString(value)));
        }

        return new SopsMapping(items);
    }
}
