using Horadus.Core.Diagnostics;
using Horadus.Manifest.Reading;
using Horadus.Manifest.Schema;
using Horadus.Manifest.Yaml;
using Horadus.Shared;

namespace Horadus.Manifest;

/// <summary>
/// Loads <c>horadus.desired.yaml</c>: YAML with positions -> JSON -> schema -> model with defaults -> semantic checks.
/// Every problem of every stage is reported together, each at its file:line:column; bad input never throws.
/// </summary>
public static class ManifestLoader
{
    public const string DefaultFileName = "horadus.desired.yaml";

    public static ManifestLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new ManifestLoadResult(null, [Diagnostic.Error($"cannot read the manifest '{Printable(path)}'", e.Message)]);
        }

        if (!InputFile.TryReadText(fullPath, InputLimits.Manifest, out var text, out var problem))
        {
            return new ManifestLoadResult(null, [Diagnostic.Error($"cannot read the manifest '{Printable(path)}'", problem)]);
        }

        return Load(text, path, fullPath, Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory(), usage: null);
    }

    /// <summary>A path as it may be shown: control characters escaped, so a hostile name cannot forge output lines.</summary>
    private static string Printable(string path) => ControlCharacters.Escape(path);

    /// <param name="yaml">The manifest's text.</param>
    /// <param name="displayPath">How diagnostics name the file; also the document's <see cref="ManifestDocument.Path"/>.</param>
    /// <param name="baseDirectory">The folder relative paths in the manifest are resolved against.</param>
    public static ManifestLoadResult LoadText(string yaml, string displayPath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return Load(yaml, displayPath, displayPath, baseDirectory, usage: null);
    }

    /// <summary>For tests: loads and records which keys the loader read.</summary>
    internal static ManifestLoadResult LoadText(string yaml, string displayPath, string baseDirectory, KeyUsage usage) =>
        Load(yaml, displayPath, displayPath, baseDirectory, usage);

    private static ManifestLoadResult Load(string yaml, string displayPath, string documentPath, string baseDirectory, KeyUsage? usage)
    {
        var parseProblems = new List<Diagnostic>();
        var tree = YamlTreeReader.Read(yaml, displayPath, parseProblems);
        if (tree is null)
        {
            return new ManifestLoadResult(null, parseProblems);
        }

        var map = new SourceMap();
        var json = YamlToJson.Convert(tree, map);
        var context = new LoadContext(displayPath, Path.GetFullPath(baseDirectory), json, map, usage);
        context.AddRange(parseProblems);

        var schemaValid = SchemaValidator.Validate(context);
        var document = ManifestReader.Read(context, documentPath);
        if (!schemaValid && !context.HasErrors)
        {
            // Safety net: the schema refused the document but no stage explained why. Never let that pass silently.
            context.Error("", "the manifest does not match schemas/horadus.desired.schema.json");
        }

        var diagnostics = context.Diagnostics
            .Select((d, order) => (Diagnostic: d, Order: order))
            .OrderBy(d => d.Diagnostic.Location?.Line ?? 0)
            .ThenBy(d => d.Diagnostic.Location?.Column ?? 0)
            .ThenBy(d => d.Order)
            .Select(d => d.Diagnostic)
            .ToArray();
        return new ManifestLoadResult(context.HasErrors ? null : document, diagnostics);
    }
}
