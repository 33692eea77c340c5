using Horadus.Core.Desired;
using Horadus.Manifest;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class ExampleFilesTests
{
    [Theory]
    [InlineData("production")]
    [InlineData("development")]
    [InlineData("swarm")]
    public void The_example_manifest_loads_without_any_diagnostic(string environment)
    {
        var path = Path.Combine(RepositoryRoot.Path, "examples", environment, "horadus.desired.yaml");

        var result = ManifestLoader.Load(path);

        Assert.True(result.Document is not null, ManifestTestText.Show(result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(environment == "development" ? DeploymentEnvironment.Development : DeploymentEnvironment.Production, result.Document.Environment);
        Assert.NotEmpty(result.Document.Services);
        Assert.Equal(RunbookMapping.Defaults, result.Document.Mapping.Select(m => (m.File, m.Variable)));
    }

    [Fact]
    public void The_swarm_example_names_each_service_as_its_stack_does()
    {
        var document = ManifestLoader.Load(Path.Combine(RepositoryRoot.Path, "examples", "swarm", "horadus.desired.yaml")).Document;

        Assert.NotNull(document);
        Assert.Equal(["horadus_api", "horadus_worker", "horadus_beat"], document.Services.Select(s => s.Swarm?.Service));
        Assert.Equal(Horadus.Core.Swarm.SwarmUpdateOrder.StartFirst, document.Services[1].Swarm!.Update.Order);
    }

    [Fact]
    public void The_development_example_reads_values_from_the_folder_beside_it()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "examples", "development");

        var document = ManifestLoader.Load(Path.Combine(folder, "horadus.desired.yaml")).Document;

        Assert.NotNull(document);
        Assert.Equal(Path.Combine(folder, "values"), Assert.IsType<DirectorySource>(document.Source).Path);
        Assert.Equal(Path.Combine(folder, "run", "secrets"), document.SecretsRoot);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("development")]
    [InlineData("swarm")]
    public void The_example_manifest_points_editors_at_the_schema(string environment)
    {
        var path = Path.Combine(RepositoryRoot.Path, "examples", environment, "horadus.desired.yaml");

        Assert.StartsWith("# yaml-language-server: $schema=../../schemas/horadus.desired.schema.json", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
