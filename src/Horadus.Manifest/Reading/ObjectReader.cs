using System.Text.Json;
using System.Text.Json.Nodes;
using Horadus.Core.Desired;
using Horadus.Manifest.Yaml;

namespace Horadus.Manifest.Reading;

/// <summary>
/// Typed, forgiving access to one manifest object. A value of the wrong type reads as absent: the schema has
/// already reported it, and reading on lets the semantic checks report everything else in the same run.
/// Every key must be declared in <see cref="ManifestKeys"/> for this object's shape.
/// </summary>
internal sealed class ObjectReader(LoadContext context, JsonObject? node, string pointer, string shape)
{
    public LoadContext Context { get; } = context;

    public string Pointer { get; } = pointer;

    public bool Exists => node is not null;

    public string PointerOf(string key) => JsonPointerText.Append(Pointer, key);

    public bool Has(string key) => Use(key) is not null;

    public string? String(string key) =>
        Use(key) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public int? Integer(string key) =>
        Use(key) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    public bool? Boolean(string key) => Use(key) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? value.GetValue<bool>()
        : null;

    public JsonArray? List(string key) => Use(key) as JsonArray;

    /// <summary>A free-form map (names chosen by the user, such as services or labels).</summary>
    public JsonObject? Map(string key) => Use(key) as JsonObject;

    /// <summary>A nested object with declared keys of its own.</summary>
    public ObjectReader Child(string key, string childShape) => new(Context, Use(key) as JsonObject, PointerOf(key), childShape);

    /// <summary>The strings of a list, skipping items of other types (already reported by the schema).</summary>
    public IReadOnlyList<string> Strings(string key) =>
        List(key)?.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToArray() ?? [];

    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = String(key);
        if (text is null || !Durations.Shape().IsMatch(text))
        {
            return fallback;
        }

        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }

        Context.Error(PointerOf(key), "the duration is too long", $"found \"{text}\"");
        return fallback;
    }

    public PermissionMode Mode(string key, PermissionMode fallback) =>
        String(key) is { } text && PermissionMode.TryParseOctal(text, out var mode) && text.Length is 3 or 4 ? mode : fallback;

    /// <summary>
    /// A path from the manifest, made absolute against the manifest's folder. One with a control character reads as
    /// absent (the schema has reported it): a NUL would make path handling throw, a newline would name another folder.
    /// </summary>
    public string? Path(string key) =>
        String(key) is { Length: > 0 } text && !ControlCharacters.In(text) ? ManifestPaths.Resolve(Context.BaseDirectory, text) : null;

    private JsonNode? Use(string key)
    {
        if (!ManifestKeys.ReadByLoader.TryGetValue(shape, out var declared) || !declared.Contains(key))
        {
            // A programming error, not a user error: the loader must only read what the schema defines.
            throw new InvalidOperationException($"the loader reads '{key}' from '{shape}', which ManifestKeys does not declare");
        }

        Context.Usage?.Record(shape, key);
        return node?[key];
    }
}
