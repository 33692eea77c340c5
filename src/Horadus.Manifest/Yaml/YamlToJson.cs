using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Horadus.Manifest.Yaml;

/// <summary>
/// Converts the YAML tree to JSON for schema evaluation, filling a <see cref="SourceMap"/> on the way.
/// Plain scalars are typed like YAML 1.2's core schema with one deliberate exception: a number written
/// with a leading zero (0750) stays a string, because in this format it is always an octal mode.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(YamlTreeNode root, SourceMap map) => Convert(root, "", map);

    private static JsonNode? Convert(YamlTreeNode node, string pointer, SourceMap map)
    {
        map.AddValue(pointer, node.Position);
        switch (node)
        {
            case YamlTreeMapping mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    var member = JsonPointerText.Append(pointer, entry.Key.Value);
                    map.AddKey(member, entry.Key.Position);
                    obj[entry.Key.Value] = Convert(entry.Value, member, map);
                }

                return obj;
            case YamlTreeSequence sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    array.Add(Convert(sequence.Items[i], JsonPointerText.Append(pointer, i), map));
                }

                return array;
            case YamlTreeScalar scalar:
                return ConvertScalar(scalar);
            default:
                throw new InvalidOperationException($"unexpected YAML node {node.GetType().Name}");
        }
    }

    /// <summary>The JSON value of one scalar; public to the tests through the loader's behaviour only.</summary>
    internal static JsonNode? ConvertScalar(YamlTreeScalar scalar)
    {
        if (!scalar.IsPlain)
        {
            return JsonValue.Create(scalar.Value);
        }

        var text = scalar.Value;
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text))
        {
            // Parsing through JSON keeps integers of any size exact; range checks are the schema's job.
            return JsonNode.Parse(text);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonNode.Parse(text);
        }

        return JsonValue.Create(text);
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^-?(0|[1-9][0-9]*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
