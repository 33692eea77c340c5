using System.Globalization;
using System.Text.Json;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// What an apply killed mid-way (kill -9, power loss) leaves on the engine, as the next plan and status report it: the old
/// container stopped and renamed aside by a replacement, and one-off containers never removed. The kill is simulated by
/// doing what the adapter does (stop, rename to <c>NAME-horadus-aside-ID</c>, a replacement labelled <c>horadus.replaces</c>)
/// and stopping there; everything is asserted through the engine.
/// </summary>
[Collection(EngineWideCollection.Name)]
public sealed class LeftoverTests(DockerRequirement docker)
{
    private const string Service = "worker";

    [Fact]
    public async Task Apply_AfterAKillBetweenTheStopAndTheStartOfTheReplacement_BringsTheContainerBack_OnTheNewRelease()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = [Service] };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        var name = host.ContainerName(Service);
        var id = await host.StartServiceAsync(Service);
        var aside = await SetAsideAsync(name, id);

        // The next rotation: the service has nothing running but the container set aside.
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, shape);
        var plan = await host.RunAsync("plan", "--detailed-exitcode", "--out", "leftover.plan.json");
        var status = await host.RunAsync("status", "--json");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains($"-/+ service/{Service}  container {aside} (exited, set aside) -> container {name} restored on release {Stamp2}", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("no container matches", plan.All, StringComparison.Ordinal);
        var saved = await File.ReadAllTextAsync(Path.Combine(host.Directory, "leftover.plan.json"), TestContext.Current.CancellationToken);
        Assert.Contains("restore-set-aside", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("recreate-service", saved, StringComparison.Ordinal);
        var container = Assert.Single(ContainersOf(status.Output, Service));
        Assert.True(container.GetProperty("set_aside").GetBoolean());

        var apply = await host.RunAsync("apply", "leftover.plan.json");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        var restored = (await InspectAsync(name))!.Value;
        Assert.Equal(id, restored.GetProperty("Id").GetString());
        Assert.Equal("running", restored.GetProperty("State").GetProperty("Status").GetString());
        Assert.Null(await InspectAsync(aside));
        Assert.Equal(ValueOf("v2", "secret_key"), await ReadInsideAsync(name, "secret_key"));
        Assert.Equal([id], await host.ContainerIdsAsync());
        Assert.All(new[] { plan, status, apply, after }, r => Assert.DoesNotContain("SECRET-", r.All, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_AfterAKillBetweenTheVerdictAndTheCommit_RemovesTheContainerAside_AndPlanSaysSoUntilThen()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = [Service] };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        var name = host.ContainerName(Service);
        var oldId = await host.StartServiceAsync(Service);
        var aside = await SetAsideAsync(name, oldId);
        // The replacement Replace would have started: same name, labelled with the id of the container it replaces.
        var newId = await host.StartServiceAsync(Service, customize: b => b.WithLabel("horadus.replaces", oldId).WithLabel("horadus.release", Stamp1));

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var status = await host.RunAsync("status");
        var json = await host.RunAsync("status", "--json");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains($"- service/{Service}  container {aside} (exited, set aside)", plan.Output, StringComparison.Ordinal);
        Assert.Contains($"service/{Service}: set aside {aside} exited", status.Output, StringComparison.Ordinal);
        Assert.Contains($"service/{Service}: {name} running", status.Output, StringComparison.Ordinal);
        var containers = ContainersOf(json.Output, Service);
        Assert.Equal([(name, false), (aside, true)], containers.Select(c => (c.GetProperty("name").GetString(), c.GetProperty("set_aside").GetBoolean())));

        var apply = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Null(await InspectAsync(aside));
        Assert.Equal(newId, (await InspectAsync(name))!.Value.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task RunOneOff_RemovesOneOffContainersPastTheirExpiry_AndLeavesYoungerOnes()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var future = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // What a killed horadus leaves: one that exited and one still running, both past their expiry; and one of another
        // horadus running now, not expired yet.
        var exited = await OneOffAsync(scope, past, ["true"]);
        var running = await OneOffAsync(scope, past, ["sleep", "600"]);
        var young = await OneOffAsync(scope, future, ["sleep", "600"]);
        await Eventually.UntilAsync(async () => (await InspectAsync(exited))!.Value.GetProperty("State").GetProperty("Status").GetString(), s => s == "exited", "the one-off to exit");

        using var engine = new DockerContainerEngine(docker.Endpoint);
        var result = await engine.RunOneOffAsync(
            new OneOffSpec(StandInImage.Tag, ["true"], null, [], new Dictionary<string, string>(), TimeSpan.FromSeconds(30)),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Null(await InspectAsync(exited));
        Assert.Null(await InspectAsync(running));
        Assert.Equal("running", (await InspectAsync(young))!.Value.GetProperty("State").GetProperty("Status").GetString());
    }

    /// <summary>What Replace does before it creates the replacement: stop the old container and rename it aside.</summary>
    private static async Task<string> SetAsideAsync(string name, string id)
    {
        var aside = $"{name}-horadus-aside-{id[..12]}";
        await DockerCli.DockerOkAsync("stop", "-t", "2", id);
        await DockerCli.DockerOkAsync("rename", id, aside);
        return aside;
    }

    private static Task<string> OneOffAsync(DockerTestScope scope, string expires, string[] command) =>
        scope.Containers.StartAsync(scope.Containers.Container(StandInImage.Tag)
            .WithLabel("horadus.managed", "true")
            .WithLabel("horadus.oneoff", "true")
            .WithLabel("horadus.oneoff.expires", expires)
            .WithCommand(command));

    private static List<JsonElement> ContainersOf(string statusJson, string service)
    {
        using var document = JsonDocument.Parse(statusJson);
        return document.RootElement.GetProperty("services").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == service)
            .GetProperty("containers").EnumerateArray().Select(c => c.Clone()).ToList();
    }
}
