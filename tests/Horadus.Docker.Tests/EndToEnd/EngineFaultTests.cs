using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Host.State;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// Faults of the real engine during a rotation: the daemon going away between steps (a proxy in front of its socket is
/// cut, the shared daemon keeps running), the service image untagged, a new container that flaps. Each ends in a rollback
/// or a clear refusal, never a half-switched host, and the next apply converges.
/// </summary>
public sealed class EngineFaultTests(DockerRequirement docker)
{
    private static readonly ManifestShape Shape = new() { Services = ["api", "worker"] };

    /// <summary>When the proxy cuts: at the switch of current, or just after the first request to set a container aside or start one.</summary>
    public static TheoryData<string> CutMoments => new() { "current switched", "/rename", "/start" };

    [Theory]
    [MemberData(nameof(CutMoments))]
    public async Task TheDaemonGoingAwayMidRotation_FailsTheApplyClearly_AndTheNextApplyConverges(string moment)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        await using var proxy = CuttableEngineSocket.Start(Path.Combine(host.Directory, "engine.sock"), docker.Endpoint);
        host.Environment["DOCKER_HOST"] = proxy.Endpoint;
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);

        using var watching = new CancellationTokenSource();
        var watcher = moment == "current switched" ? CutWhenCurrentMovesAsync(host, proxy, watching.Token) : Task.CompletedTask;
        if (moment != "current switched")
        {
            proxy.CutAfterRequestHolding(moment);
        }

        var apply = await host.RunAsync("apply", "--auto-approve");
        await watching.CancelAsync();
        await watcher;
        var wasCut = proxy.IsCut;
        proxy.Restore();

        Assert.True(wasCut, $"the proxy was never cut at {moment}: {apply}");
        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.DoesNotContain("   at ", apply.All, StringComparison.Ordinal);
        Assert.Contains("Cannot reach the Docker engine at " + proxy.Endpoint, apply.Error, StringComparison.Ordinal);
        Assert.Contains("ROLLBACK INCOMPLETE", apply.Error, StringComparison.Ordinal);

        // No container can be put back without the engine, but current can: back on the release that was live, as the report says.
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Contains($"Live release: {Stamp1}.", apply.Error, StringComparison.Ordinal);

        // The journal says the run did not leave the host where it meant to: the next run knows it is unsettled.
        var history = await host.RunAsync("history");
        Assert.Contains("(incomplete)", history.Output, StringComparison.Ordinal);

        var next = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        Assert.True(Ledger(host).IsGood(ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not proven after the daemon went away at {moment}");
        await AssertServicesRunOnAsync(host, Shape.Services, "v2");
    }

    [Fact]
    public async Task AServiceImageUntaggedBeforeTheApply_IsRecreatedFromTheImageTheContainerRuns_AndTheNextPlanIsEmpty()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["worker"] };
        var tag = $"horadus-standin-fault:{host.Id}";
        await DockerCli.DockerOkAsync("tag", StandInImage.Tag, tag);
        try
        {
            host.WriteValues("v1");
            host.WriteManifest(Stamp1, shape);
            Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);
            var old = await StartOnImageAsync(host, "worker", tag);
            var image = (await InspectAsync(old))!.Value.GetProperty("Image").GetString();
            await DockerCli.DockerOkAsync("rmi", tag);
            host.WriteValues("v2");
            host.WriteManifest(Stamp2, shape);

            var apply = await host.RunAsync("apply", "--auto-approve");
            var after = await host.RunAsync("plan", "--detailed-exitcode");

            // The tag is gone but the image is not (a container runs it): the replacement is made from that very image.
            Assert.True(apply.ExitCode == 0, apply.ToString());
            Assert.True(after.ExitCode == 0, after.ToString());
            Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
            var worker = (await InspectAsync(host.ContainerName("worker")))!.Value;
            Assert.NotEqual(old, worker.GetProperty("Id").GetString());
            Assert.Equal(image, worker.GetProperty("Image").GetString());
            await AssertServicesRunOnAsync(host, shape.Services, "v2");
        }
        finally
        {
            await DockerCli.DockerAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task ANewContainerThatFlaps_FailsTheGateFast_AndTheOldContainerIsBackOnTheOldRelease()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["worker"], Deadline = "40s" };
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve", "--bootstrap")).ExitCode);

        // Good values: it serves. Bad ones: it runs a moment (less than the gate's stable_for, 1s), exits, is restarted by
        // its policy, and again.
        var old = await host.StartServiceAsync(
            "worker",
            command: ["sh", "-c", "check-secrets >/dev/null && exec standin; echo 'flapping: credentials rejected' >&2; sleep 0.4; exit 1"]);
        await Eventually.UntilAsync(() => host.RunAsync("plan", "--detailed-exitcode"), r => r.ExitCode == 0, "the worker on release 1");
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("the new release failed its health gates and was rolled back", apply.Error, StringComparison.Ordinal);
        Assert.Contains("service:     worker", apply.Error, StringComparison.Ordinal);
        Assert.Matches(@"last answer: container \S+_worker_1 (exited|restart)", apply.Error);
        Assert.True(apply.Took < TimeSpan.FromSeconds(20), $"the gate waited {apply.Took} for a flapping container (deadline 40s)");
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal([old], await host.ContainerIdsAsync());
        var worker = (await InspectAsync(host.ContainerName("worker")))!.Value;
        Assert.Equal("running", worker.GetProperty("State").GetProperty("Status").GetString());
        Assert.Equal(ValueOf("v1", "openai_api_key"), await ReadInsideAsync(host.ContainerName("worker"), "openai_api_key"));
        Assert.True(Ledger(host).IsFailed(ReleaseStamp.Parse(Stamp2)));
    }

    /// <summary>Polls the current link and cuts the proxy the moment it names the new release.</summary>
    private static async Task CutWhenCurrentMovesAsync(RotationHost host, CuttableEngineSocket proxy, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (host.CurrentTarget() == host.ReleaseDirectory(Stamp2))
            {
                proxy.Cut();
                return;
            }

            await Task.Delay(2, CancellationToken.None);
        }
    }

    /// <summary>A compose-like worker container of this host on <paramref name="image"/> (RotationHost starts the shared tag only).</summary>
    private static Task<string> StartOnImageAsync(RotationHost host, string service, string image)
    {
        var args = new List<string>
        {
            "run", "-d", "--name", host.ContainerName(service), "--network", "host", "--restart", "unless-stopped",
            "--label", $"{DockerTestScope.TestLabel}={host.Id}", "--label", $"com.docker.compose.project={host.Project}",
            "--label", $"com.docker.compose.service={service}", "-v", $"{host.Current}:{MountPath}:ro", "-e", "ROLE=worker", "-e", "INTERVAL=0.3",
        };
        foreach (var (name, value) in FileVariables())
        {
            args.AddRange(["-e", $"{name}={value}"]);
        }

        return DockerCli.DockerOkAsync([.. args, image]);
    }

    private static ReleaseLedger Ledger(RotationHost host) => new(new JsonlHistoryStore(host.Root).Read());

    /// <summary>Each service runs one container on the live release (none set aside) and reads the <paramref name="generation"/> values.</summary>
    private static async Task AssertServicesRunOnAsync(RotationHost host, IReadOnlyList<string> services, string generation)
    {
        var names = new List<string>();
        foreach (var id in await host.ContainerIdsAsync())
        {
            names.Add((await InspectAsync(id))!.Value.GetProperty("Name").GetString()!.TrimStart('/'));
        }

        Assert.Equal(services.Select(host.ContainerName).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var service in services)
        {
            var inspect = (await InspectAsync(host.ContainerName(service)))!.Value;
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal(ValueOf(generation, "secret_key"), await ReadInsideAsync(host.ContainerName(service), "secret_key"));
        }
    }
}
