using System.Globalization;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>The runbook's own layout, started by docker-compose 1.29: horadus takes over the rotation and compose still knows its services.</summary>
public sealed class ComposeRunbookTests(DockerRequirement docker)
{
    private static readonly string[] Services = ["api", "worker", "beat"];

    [Fact]
    public async Task TheRunbookRotation_OnServicesStartedByDockerCompose_IsAppliedAndABadKeyIsRolledBackByItself()
    {
        if (!DockerCli.IsOnPath("docker-compose"))
        {
            Assert.Skip("docker-compose 1.29 is not installed (apt-get install -y docker-compose; .ci/start-docker.sh does it)");
        }

        await using var host = Start(docker);
        host.WriteValues("v1");
        host.WriteManifest(Stamp1);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        var composeFile = Path.Combine(host.Directory, "docker-compose.prod.yml");
        await File.WriteAllTextAsync(composeFile, ComposeFile(host), TestContext.Current.CancellationToken);
        string[] compose = ["-p", host.Project, "-f", composeFile];
        try
        {
            await ComposeOkAsync(host, [.. compose, "up", "-d"]);
            await host.WaitForApiAsync();
            var settled = await host.RunAsync("plan", "--detailed-exitcode");
            Assert.True(settled.ExitCode == 0, settled.ToString());

            // A good rotation.
            host.WriteValues("v2");
            host.WriteManifest(Stamp2);
            var plan = await host.RunAsync("plan", "--detailed-exitcode");
            var apply = await host.RunAsync("apply", "--auto-approve");
            Assert.True(plan.ExitCode == 2, plan.ToString());
            Assert.Contains("Plan: 1 to add, 1 to change, 3 to replace, 0 to destroy.", plan.Output, StringComparison.Ordinal);
            Assert.True(apply.ExitCode == 0, apply.ToString());
            foreach (var service in Services)
            {
                var id = await ComposeOkAsync(host, [.. compose, "ps", "-q", service]);
                Assert.Equal(Stamp2, await DockerCli.DockerOkAsync("inspect", "-f", "{{index .Config.Labels \"horadus.release\"}}", id.Trim()));
                Assert.Equal(ValueOf("v2", "api_keys"), await ReadInsideAsync(id.Trim(), "api_keys"));
            }

            var good = await ComposeIdsAsync(host, compose);

            // A bad key: the api's health answers 500, horadus puts everything back by itself.
            host.WriteValues("v3", openAiKey: BadOpenAiKey);
            host.WriteManifest(Stamp3, new ManifestShape { Deadline = "4s" });
            var bad = await host.RunAsync("apply", "--auto-approve");
            var after = await host.RunAsync("plan", "--detailed-exitcode");
            var ps = await ComposeOkAsync(host, [.. compose, "ps"]);

            Assert.True(bad.ExitCode == 1, bad.ToString());
            Assert.Contains("the new release failed its health gates and was rolled back", bad.Error, StringComparison.Ordinal);
            Assert.Contains($"gate:        http {host.HealthUrl}", bad.Error, StringComparison.Ordinal);
            Assert.Contains("HTTP 500: OPENAI_API_KEY_FILE: /run/secrets/horadus/openai_api_key holds a rejected value", bad.Error, StringComparison.Ordinal);
            Assert.Contains("last log lines:", bad.Error, StringComparison.Ordinal);
            Assert.Contains($"Live release: {Stamp2}.", bad.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(BadOpenAiKey, bad.All, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET-", bad.All + apply.All + plan.All, StringComparison.Ordinal);
            Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
            Assert.Equal(good, await ComposeIdsAsync(host, compose));
            Assert.True(after.ExitCode == 0, after.ToString());
            Assert.Contains($"release {Stamp3} failed before and is not applied again by itself", after.Output, StringComparison.Ordinal);
            foreach (var service in Services)
            {
                Assert.Contains(ContainerName(host.Project, service), ps, StringComparison.Ordinal);
            }

            Assert.Equal(3, ps.Split('\n').Count(l => l.Contains(" Up", StringComparison.Ordinal)));
            Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);
        }
        finally
        {
            await DockerCli.RunAsync("docker-compose", [.. compose, "down", "--timeout", "2"], host.Directory, TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>The runbook's section 1.4, with the stand-in image, host networking and loopback only.</summary>
    private static string ComposeFile(RotationHost host)
    {
        var environment = string.Concat(FileVariables().Select(v => $"      {v.Key}: {v.Value}\n"));
        string Service(string name, string role, string extra) =>
            $"  {name}:\n" +
            $"    image: {StandInImage.Tag}\n" +
            "    network_mode: host\n" +
            "    restart: unless-stopped\n" +
            "    stop_grace_period: 2s\n" +
            "    labels:\n" +
            $"      {DockerTestScope.TestLabel}: \"{host.Id}\"\n" +
            "    volumes:\n" +
            "      - ${HORADUS_SECRETS_DIR:-" + host.Current + "}:" + MountPath + ":ro\n" +
            "    environment:\n" +
            $"      ROLE: {role}\n" +
            "      INTERVAL: \"0.3\"\n" +
            extra +
            environment;
        return "version: \"3.7\"\nservices:\n" +
               Service("api", "api", string.Create(CultureInfo.InvariantCulture, $"      PORT: \"{host.ApiPort}\"\n")) +
               Service("worker", "worker", string.Empty) +
               Service("beat", "beat", string.Empty);
    }

    private static async Task<string> ComposeIdsAsync(RotationHost host, string[] compose) =>
        string.Join(",", (await ComposeOkAsync(host, [.. compose, "ps", "-q"])).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));

    private static async Task<string> ComposeOkAsync(RotationHost host, string[] args)
    {
        var result = await DockerCli.RunAsync("docker-compose", args, host.Directory, TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"docker-compose {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }
}
