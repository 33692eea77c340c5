using System.Text;

namespace Horadus.Sops.Age;

/// <summary>
/// age's ASCII armor: a PEM-like block with padded base64 in lines of exactly 64 columns except the last.
/// Leading and trailing whitespace (up to 1024 bytes) is tolerated, as in age.
/// </summary>
internal static class AgeArmor
{
    public const string Header = "-----BEGIN AGE ENCRYPTED FILE-----";
    public const string Footer = "-----END AGE ENCRYPTED FILE-----";
    private const int ColumnsPerLine = 64;
    private const int BytesPerLine = 48;
    private const int MaxWhitespace = 1024;

    public static bool LooksArmored(ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data[..Math.Min(data.Length, MaxWhitespace + Header.Length)]);
        return text.TrimStart().StartsWith(Header, StringComparison.Ordinal);
    }

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var base64 = Convert.ToBase64String(data);
        var builder = new StringBuilder(Header).Append('\n');
        for (var offset = 0; offset < base64.Length; offset += ColumnsPerLine)
        {
            builder.Append(base64.AsSpan(offset, Math.Min(ColumnsPerLine, base64.Length - offset))).Append('\n');
        }

        return builder.Append(Footer).Append('\n').ToString();
    }

    public static byte[] Decode(ReadOnlySpan<byte> armored)
    {
        var text = Encoding.ASCII.GetString(armored);
        if (armored.ToArray().Any(b => b > 127))
        {
            throw Fail("non-ASCII data");
        }

        var lines = text.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).ToList();
        var index = 0;
        var skipped = 0;
        while (index < lines.Count && lines[index].Trim().Length == 0)
        {
            skipped += lines[index].Length + 1;
            if (skipped > MaxWhitespace)
            {
                throw Fail("too much leading whitespace");
            }

            index++;
        }

        if (index >= lines.Count || lines[index] != Header)
        {
            throw Fail("invalid first line");
        }

        index++;
        var output = new List<byte>();
        while (true)
        {
            if (index >= lines.Count || (index == lines.Count - 1 && lines[index].Length == 0))
            {
                throw Fail("unexpected end of armored data");
            }

            var line = lines[index++];
            if (line == Footer)
            {
                break;
            }

            if (line.Length == 0)
            {
                throw Fail("empty line in armored data");
            }

            if (line.Length > ColumnsPerLine)
            {
                throw Fail("column limit exceeded");
            }

            byte[] chunk;
            try
            {
                chunk = Convert.FromBase64String(line);
            }
            catch (FormatException)
            {
                throw Fail("illegal base64 data");
            }

            if (Convert.ToBase64String(chunk) != line)
            {
                throw Fail("illegal base64 data");
            }

            output.AddRange(chunk);
            if (chunk.Length < BytesPerLine)
            {
                if (index >= lines.Count || lines[index] != Footer)
                {
                    throw Fail("invalid closing line");
                }

                index++;
                break;
            }
        }

        var trailing = string.Join('\n', lines.Skip(index));
        if (trailing.Trim().Length != 0)
        {
            throw Fail("trailing data after armored file");
        }

        if (trailing.Length >= MaxWhitespace)
        {
            throw Fail("too much trailing whitespace");
        }

        return [.. output];
    }

    private static SopsException Fail(string reason) => SopsException.Malformed("invalid armor: " + reason);
}
