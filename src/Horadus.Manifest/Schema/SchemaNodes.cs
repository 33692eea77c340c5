using System.Globalization;
using System.Text.Json.Nodes;
using Horadus.Manifest.Yaml;

namespace Horadus.Manifest.Schema;

/// <summary>
/// Finds the schema object an evaluation path ("/properties/modes/properties/file/$ref") leads to, following
/// <c>$ref</c>s. We walk evaluation paths rather than trusting reported schema locations, which are wrong
/// below propertyNames/additionalProperties in JsonSchema.Net 8.
/// </summary>
internal static class SchemaNodes
{
    public static JsonObject? Resolve(JsonNode schemaRoot, string evaluationPath)
    {
        JsonNode? current = schemaRoot;
        foreach (var token in JsonPointerText.Tokens(evaluationPath))
        {
            current = token == "$ref" ? Dereference(schemaRoot, current) : Child(current, token);
            if (current is null)
            {
                return null;
            }
        }

        return current as JsonObject;
    }

    public static string? Description(JsonObject? schema) =>
        schema?["description"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static IReadOnlyList<string> StringList(JsonObject? schema, string keyword) =>
        schema?[keyword] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToArray() : [];

    public static IReadOnlyList<string> PropertyNames(JsonObject? schema) =>
        schema?["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToArray() : [];

    /// <summary>The schema a node stands for: its <c>$ref</c> target when it has one, else itself.</summary>
    public static JsonObject? Follow(JsonNode schemaRoot, JsonObject? node) =>
        node?["$ref"] is JsonValue ? Dereference(schemaRoot, node) as JsonObject : node;

    private static JsonNode? Dereference(JsonNode root, JsonNode? node)
    {
        if (node?["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var target) || !target.StartsWith('#'))
        {
            return null;
        }

        JsonNode? current = root;
        foreach (var token in JsonPointerText.Tokens(target[1..]))
        {
            current = Child(current, token);
        }

        return current;
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };
}
