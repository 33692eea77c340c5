using Horadus.Core.Desired;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Manifest;
using Xunit;

namespace Horadus.Core.Tests.Manifest;

public sealed class FullManifestTests
{
    /// <summary>Every property of the format, each with a value different from its default.</summary>
    internal const string EveryProperty = """
        version: 1
        environment: production
        secrets_root: secrets
        release:
          stamp: "20260215T090000Z"
          source:
            sops: secrets.enc.yaml
            age_key_file: keys/age.txt
            unmapped_keys: ignore
        mapping:
          defaults: runbook
          files:
            openai_api_key: OPENAI_KEY_FILE
            custom_token: { variable: CUSTOM_TOKEN_FILE, key: app/custom/token }
        ownership:
          uid: 10001
          gid: { image: "horadus-api:latest", user: app }
        modes:
          releases_dir: "0710"
          release_dir: 0700
          file: "600"
        retention:
          keep_previous: 3
          stability_window: 1h30m
        services:
          api:
            compose: { project: horadus, service: web }
            mount_path: /run/secrets/app
            stop_timeout: 15s
            preflight:
              entrypoint: /usr/bin/env
              command: ["python", "-c", "from src.core.config import Settings; Settings(); print('secrets-ok')"]
              expect_output: secrets-ok
              timeout: 45s
            health:
              http: { url: "https://127.0.0.1:8443/health", status: 204, body: ok, timeout: 500ms, interval: 2s }
              container_healthcheck: false
              stable_for: 4s
              log_failure_patterns: ["401", "invalid_api_key"]
              deadline: 2m
          worker:
            labels: { app.example/role: worker, tier: background }
            order: start-first
            reload: { signal: SIGHUP }
            after: [api]
          beat:
            swarm:
              service: horadus_beat
              update: { parallelism: 2, delay: 1s, order: start-first, monitor: 8s }
            after: [worker]
        """;

    [Fact]
    public void A_manifest_using_every_property_maps_each_value_into_the_model()
    {
        var document = ManifestTestText.LoadValid(EveryProperty);

        Assert.Equal(1, document.Version);
        Assert.Equal(DeploymentEnvironment.Production, document.Environment);
        Assert.Equal("/srv/manifests/secrets", document.SecretsRoot);
        Assert.Equal(ReleaseStamp.Parse("20260215T090000Z"), document.Stamp);

        var source = Assert.IsType<SopsSource>(document.Source);
        Assert.Equal("/srv/manifests/secrets.enc.yaml", source.Path);
        Assert.Equal("/srv/manifests/keys/age.txt", source.AgeKeyFile);
        Assert.Equal((7, 11), (source.Location.Line, source.Location.Column));
        Assert.True(source.IgnoreUnmappedKeys);

        // Defaults in runbook order, the overridden default in place, then custom files in document order.
        var expectedMapping = RunbookMapping.Defaults
            .Select(d => d.File == "openai_api_key" ? (d.File, "OPENAI_KEY_FILE") : d)
            .Append(("custom_token", "CUSTOM_TOKEN_FILE"));
        Assert.Equal(expectedMapping, document.Mapping.Select(m => (m.File, m.Variable)));
        var custom = document.Mapping[^1];
        Assert.Equal((14, 19), (custom.Location.Line, custom.Location.Column));
        Assert.Equal(["app", "custom", "token"], custom.KeyPath);
        Assert.Null(document.Mapping[0].Key);

        Assert.Equal(new NumericId(10001), document.Ownership.Uid);
        Assert.Equal(new ImageUserId("horadus-api:latest", "app"), document.Ownership.Gid);

        Assert.Equal(new ModePolicy(PermissionMode.Parse("0710"), PermissionMode.Parse("0700"), PermissionMode.Parse("0600")), document.Modes);
        Assert.Equal(new RetentionPolicy(3, TimeSpan.FromMinutes(90)), document.Retention);

        Assert.Equal(["api", "worker", "beat"], document.Services.Select(s => s.Name));
        var api = document.Services[0];
        Assert.Equal(ContainerSelector.Compose("horadus", "web").ToString(), api.Selector.ToString());
        Assert.Equal("/run/secrets/app", api.MountPath);
        Assert.Equal(TimeSpan.FromSeconds(15), api.StopTimeout);
        Assert.Empty(api.After);
        Assert.NotNull(api.Preflight);
        Assert.Equal(["python", "-c", "from src.core.config import Settings; Settings(); print('secrets-ok')"], api.Preflight.Command);
        Assert.Equal("secrets-ok", api.Preflight.ExpectOutput);
        Assert.Equal(TimeSpan.FromSeconds(45), api.Preflight.Timeout);
        Assert.Equal(["/usr/bin/env"], api.Preflight.Entrypoint);
        Assert.Equal(
            new HttpGate(new Uri("https://127.0.0.1:8443/health"), 204, "ok", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)),
            api.Health.Http);
        Assert.False(api.Health.ContainerHealthcheck);
        Assert.Equal(TimeSpan.FromSeconds(4), api.Health.StableFor);
        Assert.Equal(["401", "invalid_api_key"], api.Health.LogFailurePatterns);
        Assert.Equal(TimeSpan.FromMinutes(2), api.Health.Deadline);

        var worker = document.Services[1];
        Assert.Equal("app.example/role=worker,tier=background", worker.Selector.ToString());
        Assert.Equal(["api"], worker.After);
        Assert.Null(worker.Swarm);
        Assert.True(worker.StartFirst);
        Assert.Equal(new ReloadStrategy("SIGHUP"), worker.Reload);
        Assert.False(document.Services[0].StartFirst);

        var beat = document.Services[2];
        Assert.Equal(new SwarmTarget("horadus_beat", new SwarmUpdateSettings(2, TimeSpan.FromSeconds(1), SwarmUpdateOrder.StartFirst, TimeSpan.FromSeconds(8))), beat.Swarm);
        Assert.Empty(beat.Selector.Labels);
    }

    [Fact]
    public void Development_manifests_may_read_values_from_a_plain_directory()
    {
        var document = ManifestTestText.LoadValid("""
            version: 1
            environment: development
            secrets_root: /tmp/horadus
            release:
              stamp: "20260215T090000Z"
              source: { directory: values/ }
            mapping: { defaults: none }
            """);

        Assert.Equal(DeploymentEnvironment.Development, document.Environment);
        Assert.Equal("/srv/manifests/values", Assert.IsType<DirectorySource>(document.Source).Path);
        Assert.Empty(document.Mapping);
    }

    [Theory]
    [InlineData("1d", 24 * 60 * 60 * 1000L)]
    [InlineData("1h30m", 90 * 60 * 1000L)]
    [InlineData("500ms", 500L)]
    [InlineData("1m5s", 65 * 1000L)]
    [InlineData("0s", 0L)]
    public void Durations_combine_their_parts(string written, long expectedMilliseconds)
    {
        var document = ManifestTestText.LoadValid(ManifestTestText.Minimal + $"\nretention: {{ stability_window: {written} }}");

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), document.Retention.StabilityWindow);
    }
}
