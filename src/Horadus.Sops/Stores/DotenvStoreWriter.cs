using System.Text;
using Horadus.Sops.Formatting;
using Horadus.Sops.Metadata;

namespace Horadus.Sops.Stores;

/// <summary>Writes dotenv as sops does: <c>KEY=value</c> lines, newlines escaped as "\n", metadata flattened under <c>sops_</c>.</summary>
internal static class DotenvStoreWriter
{
    /// <summary>Turns every value into the string sops would have read from a .env file; rejects lists and mappings.</summary>
    public static SopsMapping Normalize(SopsMapping tree) => new(tree.Items.Select(item =>
    {
        if (item.IsComment)
        {
            return item;
        }

        if (item.Key!.Length == 0 || item.Key.Contains('=', StringComparison.Ordinal) || item.Key.Contains('\n', StringComparison.Ordinal) || item.Key.StartsWith('#'))
        {
            throw new ArgumentException($"\"{item.Key}\" cannot be a dotenv key");
        }

        return item.Value is SopsScalar scalar
            ? new SopsMappingItem(item.Key, SopsScalar.FromStringBytes(SopsScalarText.Emit(scalar, SopsFormat.Dotenv)))
            : throw new ArgumentException($"cannot use complex value in dotenv file; offending key {item.Key}");
    }).ToList());

    public static byte[] Write(SopsMapping tree, SopsMapping metadata)
    {
        var builder = new StringBuilder();
        foreach (var item in tree.Items)
        {
            if (item.IsComment)
            {
                builder.Append('#').Append(((SopsComment)item.Value).Text).Append('\n');
            }
            else
            {
                Line(builder, item.Key!, item.Value);
            }
        }

        foreach (var (key, value) in MetadataFlattening.Flatten(metadata, "sops_"))
        {
            Line(builder, key, value);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Line(StringBuilder builder, string key, SopsNode value)
    {
        var text = value is SopsScalar scalar ? Encoding.UTF8.GetString(SopsScalarText.Emit(scalar, SopsFormat.Dotenv)) : string.Empty;
        builder.Append(key).Append('=').Append(text.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
    }
}
