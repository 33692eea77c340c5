using System.Text.Json.Nodes;
using Horadus.Core.Diagnostics;
using Horadus.Manifest.Reading;
using Horadus.Manifest.Yaml;

namespace Horadus.Manifest;

/// <summary>
/// What every stage of one load shares: the converted document, where each value was written, and the
/// diagnostics collected so far. Stages add problems here instead of throwing, so all are reported at once.
/// </summary>
internal sealed class LoadContext(string displayPath, string baseDirectory, JsonNode? root, SourceMap map, KeyUsage? usage = null)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public string DisplayPath { get; } = displayPath;

    public string BaseDirectory { get; } = baseDirectory;

    public JsonNode? Root { get; } = root;

    public SourceMap Map { get; } = map;

    /// <summary>Set by tests to learn which keys the loader read.</summary>
    public KeyUsage? Usage { get; } = usage;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _diagnostics.Any(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);

    /// <summary>An error about the value at <paramref name="pointer"/> (or about its key, for names and unknown keys).</summary>
    public void Error(string pointer, string summary, string? detail = null, bool atKey = false) =>
        _diagnostics.Add(Diagnostic.Error(summary, detail, atKey ? KeyLocation(pointer) : ValueLocation(pointer), Field(pointer)));

    public SourceLocation ValueLocation(string pointer) => At(Map.ValueAt(pointer));

    public SourceLocation KeyLocation(string pointer) => At(Map.KeyAt(pointer));

    public SourceLocation At(TextPosition position) => new(DisplayPath, position.Line, position.Column);

    /// <summary>The dotted field people read ("services.api.after[0]") for a JSON pointer.</summary>
    public string? Field(string pointer) => JsonPointerText.ToField(pointer, IsArray) is { } field ? ControlCharacters.Escape(field) : null;

    /// <summary>The JSON value at a pointer, or null when there is none.</summary>
    public JsonNode? NodeAt(string pointer)
    {
        var current = Root;
        foreach (var token in JsonPointerText.Tokens(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return current;
    }

    private bool IsArray(string pointer) => NodeAt(pointer) is JsonArray;
}
