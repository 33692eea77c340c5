using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>What needs the engine besides the services: resolving the owner from an image, and failing cleanly without it.</summary>
public sealed class EngineAndOwnershipTests(DockerRequirement docker)
{
    [Fact]
    public async Task PlanAndApply_WhenTheEngineIsNotReachable_SayWhereTheyLookedAndExitOne_AndChangeNothingOnDisk()
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, new ManifestShape { Services = ["worker"] });
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, new ManifestShape { Services = ["worker"] });
        var before = await host.TreeFingerprintAsync();
        host.Environment["DOCKER_HOST"] = "unix:///nonexistent.sock";

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var apply = await host.RunAsync("apply", "--auto-approve");

        foreach (var run in new[] { plan, apply })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("container engine: Cannot reach the Docker engine at unix:///nonexistent.sock (no socket at /nonexistent.sock)", run.Error, StringComparison.Ordinal);
            Assert.Contains("Check that dockerd is running", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.TreeFingerprintAsync());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
    }

    [Fact]
    public async Task PlanAndApply_WithASwarmServiceOnAnEngineThatIsNoSwarmManager_SayWhatToDoAndChangeNothing()
    {
        await using var host = Start(docker);
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, new ManifestShape { Services = ["worker"] });
        File.WriteAllText(host.ManifestPath, File.ReadAllText(host.ManifestPath)
            .Replace($"compose: {{ project: {host.Project}, service: worker }}", "swarm: { service: horadus_worker }", StringComparison.Ordinal));
        var before = await host.TreeFingerprintAsync();

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var apply = await host.RunAsync("apply", "--auto-approve");

        foreach (var run in new[] { plan, apply })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("service 'worker' is a swarm service, but the Docker engine is not a swarm manager", run.All, StringComparison.Ordinal);
            Assert.Contains("run horadus against a manager node (DOCKER_HOST)", run.All, StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.TreeFingerprintAsync());
        Assert.False(Directory.Exists(host.ReleaseDirectory(Stamp1)));
    }

    [Fact]
    public async Task Apply_WithOwnershipFromTheImageUser_WritesTheReleaseOwnedByThatUsersUidAndGid()
    {
        await using var host = Start(docker);
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, new ManifestShape { Services = [], OwnershipImage = StandInImage.Tag });

        var plan = await host.RunAsync("plan");
        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"10 files, 0750 {StandInImage.AppUid}:{StandInImage.AppUid}", plan.Output, StringComparison.Ordinal);
        var release = host.ReleaseDirectory(Stamp1);
        Assert.Equal("10001:10001", await OwnerOfAsync(release));
        Assert.Equal("0:0", await OwnerOfAsync(Path.Combine(host.Root, "releases"))); // the operator's (root here), as the runbook leaves it
        foreach (var file in RunbookFiles)
        {
            Assert.Equal("10001:10001", await OwnerOfAsync(Path.Combine(release, file)));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"plan with the owner resolved from the image took {plan.Took.TotalSeconds:0.0}s");
    }

    [Fact]
    public async Task Plan_WithOwnershipFromAnImageWhoseEntrypointStartsTheApp_ResolvesTheUserWithoutStartingTheApp()
    {
        await using var host = Start(docker);
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, new ManifestShape { Services = [], OwnershipImage = StandInImage.AppEntrypointTag });

        var plan = await host.RunAsync("plan");

        // Through the image's entrypoint the app would run instead of `id`, until the lookup's 60 s timeout.
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"10 files, 0750 {StandInImage.AppUid}:{StandInImage.AppUid}", plan.Output, StringComparison.Ordinal);
        Assert.True(plan.Took < TimeSpan.FromSeconds(20), $"plan took {plan.Took}");
    }

    [Fact]
    public async Task Plan_WhenTheImageHasNoSuchUser_SaysSoWithTheFieldAndExitsOne()
    {
        await using var host = Start(docker);
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, new ManifestShape { Services = [], OwnershipImage = StandInImage.Tag });
        await File.WriteAllTextAsync(host.ManifestPath, (await File.ReadAllTextAsync(host.ManifestPath, TestContext.Current.CancellationToken)).Replace("user: app", "user: nobodyhere", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var plan = await host.RunAsync("plan");

        Assert.True(plan.ExitCode == 1, plan.ToString());
        Assert.Contains("ownership.uid: cannot resolve user 'nobodyhere' of image horadus-standin:test", plan.Error, StringComparison.Ordinal);
        Assert.Contains("`docker run --rm --entrypoint id horadus-standin:test nobodyhere` exited 1", plan.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(host.Root));
    }
}
