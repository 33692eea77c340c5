using BenchmarkDotNet.Attributes;
using Horadus.Manifest;

namespace Horadus.Benchmarks;

/// <summary>Loading a manifest: YAML parse, JSON-schema validation, reading into the model, semantic checks.</summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    private string _text = null!;
    private string _directory = null!;

    /// <summary>The annotated production example (three compose services) or the swarm one.</summary>
    [Params("production", "swarm")]
    public string Example { get; set; } = "production";

    [GlobalSetup]
    public void Setup()
    {
        var path = RepositoryFiles.Path("examples", Example, "horadus.desired.yaml");
        _text = File.ReadAllText(path);
        _directory = Path.GetDirectoryName(path)!;
    }

    [Benchmark]
    public ManifestLoadResult LoadAndValidate()
    {
        var result = ManifestLoader.LoadText(_text, "horadus.desired.yaml", _directory);
        return result.Document is null ? throw new InvalidOperationException("the example no longer loads") : result;
    }
}
