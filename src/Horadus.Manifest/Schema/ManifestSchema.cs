using System.Text.Json.Nodes;
using Json.Schema;

namespace Horadus.Manifest.Schema;

/// <summary>
/// The embedded <c>schemas/horadus.desired.schema.json</c>: the single definition of the manifest format,
/// shared by the loader and by editors.
/// </summary>
public static class ManifestSchema
{
    public const string ResourceName = "horadus.desired.schema.json";

    private static readonly Lazy<string> LazyText = new(ReadResource);
    private static readonly Lazy<JsonNode> LazyDocument = new(() => JsonNode.Parse(LazyText.Value)
        ?? throw new InvalidOperationException($"embedded resource {ResourceName} is empty"));

    // A private registry: building the schema must not collide with anyone else's use of the global one.
    private static readonly Lazy<JsonSchema> LazySchema = new(() =>
        JsonSchema.FromText(LazyText.Value, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The schema's JSON text, as embedded at build time.</summary>
    public static string Text => LazyText.Value;

    /// <summary>The schema as a JSON tree, for reading descriptions, property lists and examples.</summary>
    internal static JsonNode Document => LazyDocument.Value;

    internal static JsonSchema Compiled => LazySchema.Value;

    private static string ReadResource()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(ManifestSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
