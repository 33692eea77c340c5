using System.Collections.Concurrent;
using Json.Schema;

namespace Horadus.Integration.Tests.Support;

/// <summary>The JSON schemas in schemas/ that document horadus's --json output: output must validate against them.</summary>
internal static class PublishedSchema
{
    /// <summary>Loaded once per file: JsonSchema.Net registers a schema by its $id and refuses to register it twice.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    public static void AssertValid(string schemaFile, string json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, file => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schemas", file))))).Value;
        var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }
}
