using System.Text.Json.Nodes;
using Horadus.Manifest;
using Horadus.Manifest.Reading;
using Horadus.Manifest.Schema;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

/// <summary>The schema file is the format's single definition: the loader must read exactly what it declares.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(ManifestSchema.Text)!;

    [Fact]
    public void The_embedded_schema_is_the_file_in_schemas()
    {
        var onDisk = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schemas", "horadus.desired.schema.json"));

        Assert.Equal(onDisk, ManifestSchema.Text);
    }

    [Fact]
    public void Every_object_of_the_schema_lists_the_keys_the_loader_reads()
    {
        var schemaObjects = SchemaObjects();

        Assert.Equal(Sorted(ManifestKeys.ReadByLoader.Keys), Sorted(schemaObjects.Keys));
        foreach (var (shape, keys) in schemaObjects)
        {
            Assert.True(
                Sorted(keys).SequenceEqual(Sorted(ManifestKeys.ReadByLoader[shape])),
                $"'{shape}': schema has [{string.Join(", ", Sorted(keys))}], loader reads [{string.Join(", ", Sorted(ManifestKeys.ReadByLoader[shape]))}]");
        }
    }

    [Fact]
    public void Loading_a_manifest_with_every_property_reads_every_declared_key()
    {
        var usage = new KeyUsage();
        // uid and gid are each a number or an image user; the second load covers the other form of uid.
        // A swarm service is named by service, stack or labels: the second load covers stack, the third labels.
        var imageUid = FullManifestTests.EveryProperty.Replace("uid: 10001", "uid: { image: \"horadus-api:latest\", user: \"1000\" }", StringComparison.Ordinal)
            .Replace("service: horadus_beat", "stack: horadus", StringComparison.Ordinal);

        var byLabels = FullManifestTests.EveryProperty.Replace("service: horadus_beat", "labels: { app.example/role: beat }", StringComparison.Ordinal);
        var results = new[] { FullManifestTests.EveryProperty, imageUid, byLabels }
            .Select(yaml => ManifestLoader.LoadText(yaml, ManifestTestText.DisplayPath, ManifestTestText.BaseDirectory, usage))
            .ToArray();

        Assert.All(results, r => Assert.NotNull(r.Document));
        Assert.Equal(Sorted(ManifestKeys.ReadByLoader.Keys), Sorted(usage.Read.Keys));
        foreach (var (shape, keys) in ManifestKeys.ReadByLoader)
        {
            Assert.Equal(Sorted(keys), Sorted(usage.Read[shape]));
        }
    }

    [Fact]
    public void Every_object_in_the_schema_refuses_unknown_keys()
    {
        foreach (var (path, node) in ObjectSchemas(Schema, ""))
        {
            Assert.True(node["additionalProperties"] is JsonValue value && !value.GetValue<bool>(), $"'{path}' must set additionalProperties: false");
        }
    }

    /// <summary>Object path ("services.*.health") -> property names, for every schema object with properties.</summary>
    private static Dictionary<string, IReadOnlyList<string>> SchemaObjects() =>
        ObjectSchemas(Schema, "").ToDictionary(o => o.Path, o => (IReadOnlyList<string>)((JsonObject)o.Node["properties"]!).Select(p => p.Key).ToArray());

    private static IEnumerable<(string Path, JsonObject Node)> ObjectSchemas(JsonNode schema, string path)
    {
        var node = Follow(schema);
        if (node["properties"] is JsonObject properties)
        {
            yield return (path, node);
            foreach (var (name, child) in properties)
            {
                foreach (var nested in ObjectSchemas(child!, Join(path, name)))
                {
                    yield return nested;
                }
            }
        }

        // A map of user-chosen names (services): its entries are objects of one shape, "*".
        if (node["additionalProperties"] is JsonObject entries)
        {
            foreach (var nested in ObjectSchemas(entries, Join(path, "*")))
            {
                yield return nested;
            }
        }
    }

    private static JsonObject Follow(JsonNode node)
    {
        if (node["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>()["#/$defs/".Length..];
            return (JsonObject)Schema["$defs"]![name]!;
        }

        return (JsonObject)node;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string[] Sorted(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToArray();
}
