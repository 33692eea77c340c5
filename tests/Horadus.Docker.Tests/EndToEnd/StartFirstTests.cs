using Docker.DotNet.Models;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// <c>order: start-first</c> on the worker: its replacement is started while the old one still runs (a service that
/// listens on no port keeps one instance up throughout), and a kill between the two leaves nothing the next apply
/// cannot finish. Observed through the engine at the kill, not through the code under test.
/// </summary>
public sealed class StartFirstTests(DockerRequirement docker)
{
    private static readonly ManifestShape Shape = new() { Services = ["api", "worker"], StartFirst = ["worker"] };

    [Fact]
    public async Task AStartFirstWorker_RunsItsReplacementBesideTheOldOne_AndAKillThenIsFinishedByTheNextApply()
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        var oldWorker = (await InspectAsync(host.ContainerName("worker")))!.Value.GetProperty("Id").GetString()!;
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);

        // The api is replaced first (wave 0): the second container started is the worker's replacement.
        await KillHarness.KillAtAsync(host, "container-started#2");

        // At the kill the replacement has started and the old worker, renamed aside, has not been stopped.
        var replacement = (await InspectAsync(host.ContainerName("worker")))!.Value;
        var aside = (await InspectAsync(oldWorker))!.Value;
        Assert.NotEqual(oldWorker, replacement.GetProperty("Id").GetString());
        Assert.True(replacement.GetProperty("State").GetProperty("Running").GetBoolean());
        Assert.True(aside.GetProperty("State").GetProperty("Running").GetBoolean(), "the old worker was stopped before its replacement started");
        Assert.Contains("-horadus-aside-", aside.GetProperty("Name").GetString(), StringComparison.Ordinal);

        var next = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Null(await InspectAsync(oldWorker));
        await KillHarness.AssertServicesRunAsync(host, "v2");
    }

    [Fact]
    public async Task AStartFirstServiceThatPublishesAPort_IsRefusedByThePlan_AndNothingChanges()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["worker"], StartFirst = ["worker"] };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
        var port = FreePort.Next();
        // Published as `docker run -p 127.0.0.1:PORT:8080` writes it (the engine keeps it in the container's host config).
        await host.StartServiceAsync("worker", customize: b => b.WithCreateParameterModifier(p => p.HostConfig!.PortBindings = new Dictionary<string, IList<PortBinding>>
        {
            ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
        }));
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, shape);
        var before = await host.TreeFingerprintAsync();

        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("service 'worker' is start-first, but container", apply.All, StringComparison.Ordinal);
        Assert.Contains("publishes 8080/tcp", apply.All, StringComparison.Ordinal);
        Assert.Equal(before, await host.TreeFingerprintAsync());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
    }
}
