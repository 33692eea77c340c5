using System.Globalization;
using System.Text.Json;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>The runbook's rotation with no human step: plan, apply, and the host as the engine itself reports it afterwards.</summary>
public sealed class RotationTests(DockerRequirement docker)
{
    private static readonly string[] Services = ["api", "worker", "beat"];

    [Fact]
    public async Task Apply_OfANewRelease_SwitchesCurrentAndRecreatesApiThenWorkerAndBeat_AndTheNextPlanIsEmpty()
    {
        await using var host = Start(docker);
        var before = await ThreeServicesOnFirstReleaseAsync(host);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2);

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var apply = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        foreach (var service in Services)
        {
            Assert.Contains($"-/+ service/{service}  1 container(s) on release {Stamp1} -> 1 container(s) on release {Stamp2}", plan.Output, StringComparison.Ordinal);
        }

        Assert.Contains($"# current moves to {Stamp2}", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 1 to add, 1 to change, 3 to replace, 0 to destroy.", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("Apply complete!", apply.Output, StringComparison.Ordinal);
        Assert.Contains($"service/api: healthy (http {host.HealthUrl}, stable for 1s)", apply.Output, StringComparison.Ordinal);
        Assert.Contains("service/beat: healthy (healthcheck, stable for 1s)", apply.Output, StringComparison.Ordinal);
        Assert.Contains("service/worker: healthy (running, stable for 1s)", apply.Output, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("No changes.", after.Output, StringComparison.Ordinal);

        Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        var started = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            var name = host.ContainerName(service);
            var inspect = (await InspectAsync(name))!.Value;
            Assert.NotEqual(before[service], inspect.GetProperty("Id").GetString());
            Assert.Null(await InspectAsync(before[service]));
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            var labels = inspect.GetProperty("Config").GetProperty("Labels");
            Assert.Equal(Stamp2, labels.GetProperty("horadus.release").GetString());
            Assert.Equal(host.Project, labels.GetProperty("com.docker.compose.project").GetString());
            Assert.Equal(service, labels.GetProperty("com.docker.compose.service").GetString());
            var mount = Assert.Single(inspect.GetProperty("Mounts").EnumerateArray());
            Assert.Equal(host.Current, mount.GetProperty("Source").GetString());
            Assert.Equal(MountPath, mount.GetProperty("Destination").GetString());
            Assert.False(mount.GetProperty("RW").GetBoolean());
            Assert.Equal(ValueOf("v2", "openai_api_key"), await ReadInsideAsync(name, "openai_api_key"));
            Assert.Equal("unless-stopped", inspect.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString());
            started[service] = DateTimeOffset.Parse(inspect.GetProperty("State").GetProperty("StartedAt").GetString()!, CultureInfo.InvariantCulture);
        }

        // Only the three new containers are left: the old ones set aside were removed at the end.
        Assert.Equal(3, (await host.ContainerIdsAsync()).Count);

        // worker and beat come after api: they start once api passed its gates once; api's stable_for hold runs alongside them.
        Assert.True(started["worker"] > started["api"], $"api {started["api"]:O}, worker {started["worker"]:O}");
        Assert.True(started["beat"] > started["api"], $"api {started["api"]:O}, beat {started["beat"]:O}");
        Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);

        Assert.All(new[] { plan, apply, after }, r => Assert.DoesNotContain("SECRET-", r.All, StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"rotation of 3 services: apply took {apply.Took.TotalSeconds:0.0}s");
    }

    [Fact]
    public async Task Rollback_AfterAGoodRotation_RecreatesTheServicesOnThePreviousRelease_AndStatusShowsThem()
    {
        await using var host = Start(docker);
        await ThreeServicesOnFirstReleaseAsync(host);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2);
        var apply = await host.RunAsync("apply", "--auto-approve");
        Assert.True(apply.ExitCode == 0, apply.ToString());

        var rollback = await host.RunAsync("rollback", "--auto-approve");
        var status = await host.RunAsync("status");
        var statusJson = await host.RunAsync("status", "--json");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        foreach (var service in Services)
        {
            var name = host.ContainerName(service);
            var inspect = (await InspectAsync(name))!.Value;
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal(Stamp1, inspect.GetProperty("Config").GetProperty("Labels").GetProperty("horadus.release").GetString());
            Assert.Equal(ValueOf("v1", "openai_api_key"), await ReadInsideAsync(name, "openai_api_key"));
            Assert.Contains($"service/{service}: {name} running", status.Output, StringComparison.Ordinal);
            Assert.Contains($"release {Stamp1}", status.Output, StringComparison.Ordinal);
        }

        Assert.Equal(3, (await host.ContainerIdsAsync()).Count);
        using var json = JsonDocument.Parse(statusJson.Output);
        var services = json.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(Services.Order(StringComparer.Ordinal), services.Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(services, s => Assert.Equal(Stamp1, Assert.Single(s.GetProperty("containers").EnumerateArray()).GetProperty("release").GetString()));

        // The release rolled back from is failed: not applied again by itself, and nothing else to do.
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"release {Stamp2} failed before and is not applied again by itself", plan.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Given release 1 applied by horadus and api, worker and beat started on it as compose would, the plan is empty.
    /// Returns the container ids by service.
    /// </summary>
    internal static async Task<Dictionary<string, string>> ThreeServicesOnFirstReleaseAsync(RotationHost host, ManifestShape? shape = null)
    {
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        var first = await host.RunAsync("apply", "--auto-approve", "--bootstrap");
        Assert.True(first.ExitCode == 0, first.ToString());

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in shape?.Services ?? Services)
        {
            ids[service] = await host.StartServiceAsync(service);
        }

        if (ids.ContainsKey("api"))
        {
            await host.WaitForApiAsync();
        }

        var settled = await host.RunAsync("plan", "--detailed-exitcode");
        Assert.True(settled.ExitCode == 0, settled.ToString());
        return ids;
    }
}
