using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>Drift the runbook's manual steps leave behind, as the next plan reports it.</summary>
public sealed class DriftTests(DockerRequirement docker)
{
    private static readonly string[] Services = ["api", "worker", "beat"];

    [Fact]
    public async Task Plan_AfterAManualSwitchOfCurrentWithoutARecreate_ShowsTheStaleContainers_AndApplyRecreatesThem()
    {
        await using var host = Start(docker);

        // Two releases written by horadus before any container existed; current on the second.
        host.WriteValues("v1");
        host.WriteManifest(Stamp1);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);

        // The runbook by hand: the services started while current named the first release, then `ln -sfn` without a recreate.
        await LinkCurrentByHandAsync(host, Stamp1);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            ids[service] = await host.StartServiceAsync(service);
        }

        await host.WaitForApiAsync();
        await LinkCurrentByHandAsync(host, Stamp2);

        // The bind of the link was resolved when each container started: they all still show the first release.
        foreach (var service in Services)
        {
            Assert.Equal(ValueOf("v1", "secret_key"), await ReadInsideAsync(host.ContainerName(service), "secret_key"));
        }

        var status = await host.RunAsync("status");
        Assert.Contains($"release {Stamp1} (stale: current is {Stamp2}; `horadus apply` recreates it)", status.Output, StringComparison.Ordinal);

        // Reviewed and applied as a saved plan: the containers it names are the ones recreated.
        var plan = await host.RunAsync("plan", "--detailed-exitcode", "--out", "drift.plan.json");
        var apply = await host.RunAsync("apply", "drift.plan.json");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        var saved = await File.ReadAllTextAsync(Path.Combine(host.Directory, "drift.plan.json"), TestContext.Current.CancellationToken);
        Assert.All(ids.Values, id => Assert.Contains(id, saved, StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET-", saved, StringComparison.Ordinal);
        foreach (var service in Services)
        {
            Assert.Contains($"-/+ service/{service}  1 container(s) on release {Stamp1} -> 1 container(s) on release {Stamp2}", plan.Output, StringComparison.Ordinal);
        }

        Assert.Contains($"# stale release: mounts {Stamp1}, current is {Stamp2}", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 0 to change, 3 to replace, 0 to destroy.", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        foreach (var service in Services)
        {
            var name = host.ContainerName(service);
            var inspect = (await InspectAsync(name))!.Value;
            Assert.NotEqual(ids[service], inspect.GetProperty("Id").GetString());
            Assert.Equal(Stamp2, inspect.GetProperty("Config").GetProperty("Labels").GetProperty("horadus.release").GetString());
            Assert.Equal(ValueOf("v2", "secret_key"), await ReadInsideAsync(name, "secret_key"));
        }

        Assert.Equal(3, (await host.ContainerIdsAsync()).Count);
    }

    [Fact]
    public async Task Plan_WhenAContainerCarriesARawSecretInItsEnvironment_WarnsWithTheVariableButNeverTheValue()
    {
        await using var host = Start(docker);
        const string Raw = "sk-raw-environment-value-7f3e";
        var shape = new ManifestShape { Services = ["worker"] };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        await host.StartServiceAsync("worker", environment: new Dictionary<string, string> { ["OPENAI_API_KEY"] = Raw, ["LOG_LEVEL"] = "info" });

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var json = await host.RunAsync("plan", "--json");
        var status = await host.RunAsync("status");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"service/worker: warning: container {host.ContainerName("worker")} passes a secret as a raw environment value: OPENAI_API_KEY", plan.Output, StringComparison.Ordinal);
        Assert.Contains("use OPENAI_API_KEY_FILE", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("LOG_LEVEL", plan.Output, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", json.Output, StringComparison.Ordinal);
        Assert.Contains("raw secrets in env: OPENAI_API_KEY", status.Output, StringComparison.Ordinal);
        Assert.All(new[] { plan, json, status }, r => Assert.DoesNotContain(Raw, r.All, StringComparison.Ordinal));
        Assert.All(new[] { plan, json, status }, r => Assert.DoesNotContain("SECRET-", r.All, StringComparison.Ordinal));
    }

    /// <summary>The runbook's <c>sudo ln -sfn "$SECRET_RELEASE" /srv/horadus/secrets/current</c>.</summary>
    private static async Task LinkCurrentByHandAsync(RotationHost host, string stamp)
    {
        var ln = await DockerCli.RunAsync("ln", ["-sfn", host.ReleaseDirectory(stamp), host.Current]);
        Assert.True(ln.ExitCode == 0, ln.Stderr);
        Assert.Equal(host.ReleaseDirectory(stamp), host.CurrentTarget());
    }
}
