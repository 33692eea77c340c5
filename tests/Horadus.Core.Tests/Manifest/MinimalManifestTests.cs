using Horadus.Core.Desired;
using Horadus.Core.Services;
using Horadus.Manifest;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class MinimalManifestTests
{
    [Fact]
    public void A_minimal_manifest_loads_with_every_default_applied()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal);

        Assert.Equal(ManifestTestText.DisplayPath, document.Path);
        Assert.Equal(1, document.Version);
        Assert.Equal(DeploymentEnvironment.Production, document.Environment);
        Assert.Equal("/srv/horadus/secrets", document.SecretsRoot);
        Assert.Equal("20260215T090000Z", document.Stamp.Value);
        var source = Assert.IsType<SopsSource>(document.Source);
        Assert.Equal("/srv/manifests/secrets.enc.yaml", source.Path);
        Assert.Null(source.AgeKeyFile);
        Assert.Equal(RunbookMapping.Defaults, document.Mapping.Select(m => (m.File, m.Variable)));
        Assert.Equal(new OwnershipSpec(null, null), document.Ownership);
        Assert.Equal(ModePolicy.RunbookDefaults, document.Modes);
        Assert.Equal(RetentionPolicy.Default, document.Retention);
        Assert.Empty(document.Services);
    }

    [Fact]
    public void A_service_with_only_a_compose_project_gets_the_runbook_defaults()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + """

            services:
              api:
                compose: { project: horadus }
            """);

        var api = Assert.Single(document.Services);
        Assert.Equal("api", api.Name);
        Assert.Equal(ContainerSelector.Compose("horadus", "api").ToString(), api.Selector.ToString());
        Assert.Equal("/run/secrets/horadus", api.MountPath);
        Assert.Equal(TimeSpan.FromSeconds(10), api.StopTimeout);
        Assert.Empty(api.After);
        Assert.Null(api.Preflight);
        Assert.Null(api.Health.Http);
        Assert.True(api.Health.ContainerHealthcheck);
        Assert.Equal(TimeSpan.FromSeconds(3), api.Health.StableFor);
        Assert.Empty(api.Health.LogFailurePatterns);
        Assert.Equal(TimeSpan.FromSeconds(60), api.Health.Deadline);
    }

    [Fact]
    public void Health_and_preflight_blocks_with_only_required_keys_get_their_defaults()
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + """

            services:
              api:
                compose: { project: horadus }
                preflight:
                  command: [true]
                health:
                  http: { url: "http://127.0.0.1:8000/health" }
            """.Replace("[true]", "[\"true\"]", StringComparison.Ordinal));

        var api = Assert.Single(document.Services);
        Assert.Equal(new PreflightCommand(["true"], null, TimeSpan.FromSeconds(60)).Timeout, api.Preflight!.Timeout);
        Assert.Equal(["true"], api.Preflight.Command);
        Assert.Null(api.Preflight.ExpectOutput);
        var http = api.Health.Http!;
        Assert.Equal(new Uri("http://127.0.0.1:8000/health"), http.Url);
        Assert.Equal(200, http.ExpectStatus);
        Assert.Null(http.ExpectBody);
        Assert.Equal(TimeSpan.FromSeconds(2), http.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), http.Interval);
    }

    [Fact]
    public void A_relative_secrets_root_and_source_are_resolved_against_the_manifest_folder()
    {
        var document = ManifestTestText.LoadValid("""
            version: 1
            environment: development
            secrets_root: run/secrets/
            release:
              stamp: "20260215T090000Z"
              source:
                directory: ../values/
            """);

        Assert.Equal("/srv/manifests/run/secrets", document.SecretsRoot);
        Assert.Equal("/srv/values", Assert.IsType<DirectorySource>(document.Source).Path);
    }

    [Fact]
    public void Load_from_a_file_resolves_relative_paths_against_that_file_s_folder()
    {
        var folder = Directory.CreateTempSubdirectory("horadus-manifest-");
        try
        {
            var path = Path.Combine(folder.FullName, "horadus.desired.yaml");
            File.WriteAllText(path, ManifestTestText.Minimal.Replace("/srv/horadus/secrets", "secrets", StringComparison.Ordinal));

            var result = ManifestLoader.Load(path);

            Assert.NotNull(result.Document);
            Assert.Equal(path, result.Document.Path);
            Assert.Equal(Path.Combine(folder.FullName, "secrets"), result.Document.SecretsRoot);
            Assert.Equal(Path.Combine(folder.FullName, "secrets.enc.yaml"), ((SopsSource)result.Document.Source).Path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_one_error_naming_the_path_and_the_reason()
    {
        var result = ManifestLoader.Load("/nonexistent/horadus.desired.yaml");

        Assert.Null(result.Document);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("/nonexistent/horadus.desired.yaml", error.Summary, StringComparison.Ordinal);
        Assert.Equal("no such file", error.Detail);
    }
}
