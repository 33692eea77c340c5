using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Horadus.Sops.Stores;

/// <summary>
/// Writes an encrypted tree plus its metadata as YAML the way sops (yaml.v3, indent 4) lays it out:
/// sequences indented under their key, mapping items inside a sequence starting on the dash line, and
/// multi-line strings (the armored age keys) as literal blocks.
/// </summary>
internal static partial class YamlStoreWriter
{
    private const int Indent = 4;

    public static byte[] Write(SopsMapping tree, SopsMapping metadata)
    {
        var builder = new StringBuilder();
        WriteMapping(builder, new SopsMapping([.. tree.Items, new("sops", metadata)]), column: 0, blockColumn: 0);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    // column: where the keys start; blockColumn: the indentation yaml.v3 uses as the base for nested blocks
    // at this level (a mapping inside a sequence item nests relative to the dash, not to its keys).
    private static void WriteMapping(StringBuilder output, SopsMapping mapping, int column, int blockColumn)
    {
        foreach (var item in mapping.Items)
        {
            if (item.IsComment)
            {
                output.Append(' ', column).Append('#').Append(((SopsComment)item.Value).Text).Append('\n');
                continue;
            }

            output.Append(' ', column).Append(Scalar(item.Key!)).Append(':');
            WriteValue(output, item.Value, blockColumn + Indent);
        }
    }

    /// <summary>Writes a value after "key:" (or "-"), at <paramref name="childColumn"/> when it needs its own lines.</summary>
    private static void WriteValue(StringBuilder output, SopsNode value, int childColumn)
    {
        switch (value)
        {
            case SopsMapping { Items.Count: 0 }:
                output.Append(" {}\n");
                break;
            case SopsMapping mapping:
                output.Append('\n');
                WriteMapping(output, mapping, childColumn, childColumn);
                break;
            case SopsSequence { Items.Count: 0 }:
                output.Append(" []\n");
                break;
            case SopsSequence sequence:
                output.Append('\n');
                WriteSequence(output, sequence, childColumn);
                break;
            case SopsScalar { Type: SopsValueType.Str } scalar when IsLiteralBlock(scalar.AsText()):
                output.Append(" |\n");
                foreach (var line in scalar.AsText()[..^1].Split('\n'))
                {
                    output.Append(' ', childColumn).Append(line).Append('\n');
                }

                break;
            case SopsScalar scalar:
                output.Append(' ').Append(Scalar(scalar)).Append('\n');
                break;
            default:
                throw new InvalidOperationException("unexpected node");
        }
    }

    private static void WriteSequence(StringBuilder output, SopsSequence sequence, int column)
    {
        foreach (var item in sequence.Items)
        {
            switch (item)
            {
                case SopsComment comment:
                    output.Append(' ', column).Append('#').Append(comment.Text).Append('\n');
                    break;
                case SopsMapping { Items.Count: > 0 } mapping:
                    // The first key shares the dash line; the rest align under it.
                    var nested = new StringBuilder();
                    WriteMapping(nested, mapping, column + 2, column);
                    output.Append(' ', column).Append("- ").Append(nested.ToString(column + 2, nested.Length - column - 2));
                    break;
                case SopsSequence { Items.Count: > 0 } inner:
                    var innerText = new StringBuilder();
                    WriteSequence(innerText, inner, column + 2);
                    output.Append(' ', column).Append("- ").Append(innerText.ToString(column + 2, innerText.Length - column - 2));
                    break;
                default:
                    output.Append(' ', column).Append('-');
                    WriteValue(output, item, column + Indent);
                    break;
            }
        }
    }

    private static string Scalar(SopsScalar scalar) => scalar.Type switch
    {
        SopsValueType.Null => "null",
        SopsValueType.Str => Scalar(scalar.AsText()),
        SopsValueType.Bool => (bool)scalar.Value! ? "true" : "false",
        SopsValueType.Int => ((long)scalar.Value!).ToString(CultureInfo.InvariantCulture),
        SopsValueType.Float => Formatting.GoFloat.FormatYaml((double)scalar.Value!),
        _ => Quote(scalar.AsText()),
    };

    /// <summary>A string as a plain scalar when YAML would read it back as the same string, else double-quoted.</summary>
    private static string Scalar(string text) => IsPlainSafe(text) ? text : Quote(text);

    private static bool IsLiteralBlock(string text) =>
        text.Length > 1 && text.EndsWith('\n') && !text.EndsWith("\n\n", StringComparison.Ordinal)
        && text.All(c => c == '\n' || (c >= ' ' && c <= '~')) && !text.Split('\n').Any(line => line.StartsWith(' ') || line.EndsWith(' '));

    private static bool IsPlainSafe(string text) =>
        text.Length > 0
        && !"-?:,[]{}#&*!|>'\"%@` \t".Contains(text[0], StringComparison.Ordinal)
        && !char.IsWhiteSpace(text[^1])
        && !text.EndsWith(':')
        && !text.Contains(": ", StringComparison.Ordinal)
        && !text.Contains(" #", StringComparison.Ordinal)
        && text.All(c => c >= ' ' && c != '\u007f' && c != '\u0085' && c != '\u2028' && c != '\u2029' && c != '\ufeff')
        && !TimestampLike().IsMatch(text)
        && YamlScalarResolver.ResolvePlain(text).Type == SopsValueType.Str;

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                _ when c < ' ' || c == '\u007f' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ when c is '\u0085' or '\u2028' or '\u2029' or '\ufeff' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampLike();
}
