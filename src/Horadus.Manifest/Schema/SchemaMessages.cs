using System.Text.Json;
using System.Text.Json.Nodes;
using Horadus.Core.Diagnostics;
using Horadus.Manifest.Yaml;

namespace Horadus.Manifest.Schema;

/// <summary>
/// Words for schema failures. Structure problems (unknown or missing keys) are worded here; value problems
/// take their wording from the schema's <c>description</c>, so the schema stays the one place a rule is explained.
/// At most one value problem is kept per value: a value that is the wrong type gets no further complaints.
/// </summary>
internal sealed class SchemaMessages(LoadContext context)
{
    private static readonly string[] ValueKeywordPriority = ["type", "const", "enum", "pattern", "minLength", "minimum", "maximum", "minItems", "minProperties", "uniqueItems"];

    private readonly List<Diagnostic> _structure = [];
    private readonly Dictionary<string, (int Priority, Diagnostic Diagnostic)> _valueProblems = new(StringComparer.Ordinal);

    public void Add(string keyword, string libraryMessage, string evaluationPath, string instancePointer)
    {
        var schema = SchemaNodes.Resolve(ManifestSchema.Document, evaluationPath);
        var isPropertyName = evaluationPath.Contains("/propertyNames", StringComparison.Ordinal);
        switch (keyword)
        {
            case "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal):
                UnknownKey(evaluationPath, instancePointer);
                break;
            case "required":
                MissingKeys(schema, instancePointer);
                break;
            case "dependentRequired":
                MissingCompanions(schema, instancePointer);
                break;
            case "type":
                Value(keyword, instancePointer, isPropertyName, WrongType(schema, instancePointer));
                break;
            default:
                Value(keyword, instancePointer, isPropertyName, Invalid(keyword, libraryMessage, schema, instancePointer, isPropertyName));
                break;
        }
    }

    public void Flush()
    {
        context.AddRange(_structure);
        context.AddRange(_valueProblems.Values.Select(v => v.Diagnostic));
        _structure.Clear();
        _valueProblems.Clear();
    }

    private void UnknownKey(string evaluationPath, string instancePointer)
    {
        var key = ControlCharacters.Escape(JsonPointerText.Tokens(instancePointer)[^1]);
        var owner = SchemaNodes.Resolve(ManifestSchema.Document, evaluationPath[..evaluationPath.LastIndexOf('/')]);
        var known = SchemaNodes.PropertyNames(owner);
        var suggestion = Suggestions.Closest(key, known);
        var detail = suggestion is not null
            ? $"did you mean '{suggestion}'?"
            : known.Count > 0 ? "known keys here: " + string.Join(", ", known) : null;
        _structure.Add(Diagnostic.Error($"unknown key '{key}'", detail, context.KeyLocation(instancePointer), context.Field(instancePointer)));
    }

    private void MissingKeys(JsonObject? schema, string instancePointer)
    {
        if (context.NodeAt(instancePointer) is not JsonObject present)
        {
            return;
        }

        foreach (var key in SchemaNodes.StringList(schema, "required").Where(k => !present.ContainsKey(k)))
        {
            var detail = SchemaNodes.Description(SchemaProperty(schema, key)) switch
            {
                { } rule when rule.StartsWith("must", StringComparison.Ordinal) => $"'{key}' {rule}",
                var description => description,
            };
            _structure.Add(Diagnostic.Error($"missing required key '{key}'", detail, context.ValueLocation(instancePointer), context.Field(JsonPointerText.Append(instancePointer, key))));
        }
    }

    private void MissingCompanions(JsonObject? schema, string instancePointer)
    {
        if (context.NodeAt(instancePointer) is not JsonObject present || schema?["dependentRequired"] is not JsonObject dependencies)
        {
            return;
        }

        foreach (var (key, required) in dependencies)
        {
            if (!present.ContainsKey(key) || required is not JsonArray names)
            {
                continue;
            }

            foreach (var missing in names.Select(n => n!.GetValue<string>()).Where(n => !present.ContainsKey(n)))
            {
                var member = JsonPointerText.Append(instancePointer, key);
                _structure.Add(Diagnostic.Error($"'{key}' is only allowed together with '{missing}'", null, context.KeyLocation(member), context.Field(member)));
            }
        }
    }

    private (string Summary, string? Detail) WrongType(JsonObject? schema, string instancePointer)
    {
        var expected = schema?["type"] switch
        {
            JsonArray types => string.Join(" or ", types.Select(t => Article(t!.GetValue<string>()))),
            JsonValue type => Article(type.GetValue<string>()),
            _ => "another type",
        };
        var example = schema?["examples"] is JsonArray { Count: > 0 } examples ? " like " + examples[0]!.ToJsonString() : "";
        var found = "found " + Describe(context.NodeAt(instancePointer));
        var hint = schema?["type"] is JsonArray && SchemaNodes.Description(schema) is { } description ? $"{found}; {description}" : found;
        return ($"expected {expected}{example}", hint);
    }

    private (string Summary, string? Detail) Invalid(string keyword, string libraryMessage, JsonObject? schema, string instancePointer, bool isPropertyName)
    {
        if (isPropertyName)
        {
            return InvalidName(keyword, libraryMessage, schema, JsonPointerText.Tokens(instancePointer)[^1]);
        }

        var value = context.NodeAt(instancePointer);
        var detail = keyword == "uniqueItems" ? null : "found " + Describe(value);
        return (Requirement(keyword, libraryMessage, schema), detail);
    }

    /// <summary>A map key (file or service name) that breaks its rule; path traversal in file names gets its own words.</summary>
    private static (string Summary, string? Detail) InvalidName(string keyword, string libraryMessage, JsonObject? schema, string name)
    {
        var isFileName = ReferenceEquals(schema, ManifestSchema.Document["$defs"]?["fileName"]);
        var shown = ControlCharacters.Escape(name);
        return isFileName && FileNames.LooksLikeTraversal(name)
            ? ($"file name '{shown}' would leave the release directory", "a file name may not contain '/' or '..', nor start with '.'")
            : ($"name '{shown}' {Requirement(keyword, libraryMessage, schema)}", null);
    }

    /// <summary>The rule a value breaks: the schema's own description when it is worded as one ("must ..."), else a generic phrase.</summary>
    private static string Requirement(string keyword, string libraryMessage, JsonObject? schema) =>
        SchemaNodes.Description(schema) is { } description && description.StartsWith("must", StringComparison.Ordinal)
            ? description
            : keyword switch
            {
                "minimum" => $"must be at least {schema?["minimum"]}",
                "maximum" => $"must be at most {schema?["maximum"]}",
                "uniqueItems" => "must not list the same value twice",
                "minItems" or "minProperties" or "minLength" => "must not be empty",
                _ => libraryMessage,
            };

    private void Value(string keyword, string instancePointer, bool isPropertyName, (string Summary, string? Detail) message)
    {
        var priority = Array.IndexOf(ValueKeywordPriority, keyword) is var index and >= 0 ? index : ValueKeywordPriority.Length;
        var slot = (isPropertyName ? "key:" : "value:") + instancePointer;
        if (_valueProblems.TryGetValue(slot, out var existing) && existing.Priority <= priority)
        {
            return;
        }

        var location = isPropertyName ? context.KeyLocation(instancePointer) : context.ValueLocation(instancePointer);
        _valueProblems[slot] = (priority, Diagnostic.Error(message.Summary, message.Detail, location, context.Field(instancePointer)));
    }

    private static JsonObject? SchemaProperty(JsonObject? schema, string key) =>
        SchemaNodes.Follow(ManifestSchema.Document, schema?["properties"]?[key] as JsonObject);

    private static string Article(string jsonType) => jsonType switch
    {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "a mapping",
        "array" => "a list",
        "null" => "nothing",
        _ => jsonType,
    };

    /// <summary>What was written, in YAML words, for "found ..." details. Values are manifest text, never secrets.</summary>
    internal static string Describe(JsonNode? node) => node switch
    {
        null => "nothing (null)",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => "\"" + ControlCharacters.Escape(value.GetValue<string>()) + "\"",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => (IsInteger(value) ? "integer " : "number ") + value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static bool IsInteger(JsonValue value) => !value.ToJsonString().Any(c => c is '.' or 'e' or 'E');
}
