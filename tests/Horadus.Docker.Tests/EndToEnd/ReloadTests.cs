using System.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// <c>reload:</c> on a real engine: the api loads its secrets once and again on SIGHUP (the stand-in's SECRETS=loaded), the
/// worker re-reads its files by itself (<c>signal: none</c>); both mount the whole root and read through the relative
/// <c>current</c>. What the api holds is read inside it (its copy of what it loaded), its answers by a loopback prober
/// every 20 ms, its identity through the engine: never through the code under test.
/// </summary>
public sealed class ReloadTests(DockerRequirement docker)
{
    private static readonly ManifestShape Shape = new()
    {
        Services = ["api", "worker"],
        Preflight = true,
        Reload = new Dictionary<string, string> { ["api"] = "SIGHUP", ["worker"] = "none" },
    };

    private static readonly Dictionary<string, string> LoadsOnce = new() { ["SECRETS"] = "loaded" };

    [Fact]
    public async Task ARotation_ReloadsTheApiInPlace_WithNoFailedProbe_AndNoContainerRecreated()
    {
        await using var host = Start(docker);
        var ids = await FirstReleaseAsync(host, LoadsOnce);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);

        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var (apply, probes) = await WhileProbingAsync(host, () => host.RunAsync("apply", "--auto-approve"));
        var after = await host.RunAsync("plan", "--detailed-exitcode");
        var status = await host.RunAsync("status");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains($"current moves to {Stamp2}; SIGHUP tells it, no container is recreated", plan.Output, StringComparison.Ordinal);
        Assert.Contains($"current moves to {Stamp2}; it notices by itself (reload: none), no container is recreated", plan.Output, StringComparison.Ordinal);
        Assert.Contains("service 'api' reloads: it mounts the whole secrets root", plan.All, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("reload (SIGHUP)", status.Output, StringComparison.Ordinal);

        // Not one probe failed while the secrets changed under the api, and it now holds the new ones.
        Assert.True(probes.Count >= 10, $"only {probes.Count} probes");
        Assert.True(probes.All(p => p == 200), $"failed probes: {string.Join(", ", probes.Where(p => p != 200))} of {probes.Count}");
        Assert.Equal(ValueOf("v2", "openai_api_key"), await LoadedAsync(host, "OPENAI_API_KEY_FILE"));
        Assert.Contains("secrets reloaded (SIGHUP)", await LogsAsync(host.ContainerName("api")), StringComparison.Ordinal);
        Assert.Equal(ValueOf("v2", "secret_key"), await DockerCli.DockerOkAsync("exec", host.ContainerName("worker"), "cat", $"{MountPath}/current/secret_key"));
        Assert.Equal(ids, await IdsAsync(host));
        Assert.Equal($"releases/{Stamp2}", new FileInfo(host.Current).LinkTarget);

        // An operator's rollback goes back the same way: current switched back, the same containers told again.
        var rollback = await host.RunAsync("rollback", "--auto-approve");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(ValueOf("v1", "openai_api_key"), await LoadedAsync(host, "OPENAI_API_KEY_FILE"));
        Assert.Equal(ids, await IdsAsync(host));
    }

    [Fact]
    public async Task ABadKeyReloaded_IsRolledBack_BySwitchingBackAndReloadingAgain_InTheSameContainers()
    {
        await using var host = Start(docker);
        var ids = await FirstReleaseAsync(host, LoadsOnce);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        // No pre-flight: the bad key gets past the switch, as a key the provider revoked a minute later would.
        var shape = Shape with { Preflight = false };
        host.WriteManifest(Stamp2, shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("the new release failed its health gates and was rolled back", apply.Error, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY_FILE", apply.All, StringComparison.Ordinal);
        Assert.DoesNotContain(BadOpenAiKey, apply.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(ValueOf("v1", "openai_api_key"), await LoadedAsync(host, "OPENAI_API_KEY_FILE"));
        Assert.Equal(2, CountOf("secrets reloaded (SIGHUP)", await LogsAsync(host.ContainerName("api"))));
        Assert.Equal(200, (await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);
        Assert.Equal(ids, await IdsAsync(host));
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"release {Stamp2} failed before and is not applied again by itself", plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadKeyRefusedByThePreflight_TouchesNoContainer_AndLeavesNothingToReload()
    {
        await using var host = Start(docker);
        var ids = await FirstReleaseAsync(host, LoadsOnce);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, Shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("pre-flight of api failed", apply.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(0, CountOf("secrets reloaded (SIGHUP)", await LogsAsync(host.ContainerName("api"))));
        Assert.Equal(ids, await IdsAsync(host));
        // The run ended where it meant to (nothing touched): no reload is owed.
        Assert.True(plan.ExitCode == 0, plan.ToString());
    }

    [Fact]
    public async Task AnAppThatDiesOfTheSignal_FailsAtOnce_AndTheRollbackRestartsItOnTheOldRelease()
    {
        await using var host = Start(docker);
        var ids = await FirstReleaseAsync(host, new Dictionary<string, string> { ["SECRETS"] = "loaded", ["HUP"] = "exit" });
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);

        var apply = await host.RunAsync("apply", "--auto-approve");
        await host.WaitForApiAsync();
        var plan = await host.RunAsync("plan", "--detailed-exitcode");

        // Its restart policy brought it back on the new release; the rollback restarted it once current was back.
        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("the new release failed its health gates and was rolled back", apply.Error, StringComparison.Ordinal);
        Assert.Matches("did not survive the signal|was restarted by its restart policy|exited", apply.All);
        Assert.Contains("restarting container", apply.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(ValueOf("v1", "openai_api_key"), await LoadedAsync(host, "OPENAI_API_KEY_FILE"));
        Assert.Equal(ids, await IdsAsync(host));
        Assert.True(plan.ExitCode == 0, plan.ToString());
    }

    [Theory]
    [InlineData(FaultPoint.CurrentSwitched)]
    [InlineData(FaultPoint.ServiceReloaded)]
    [InlineData(FaultPoint.ServiceGated)]
    public async Task ARotationKilledAroundTheReload_IsFinishedByTheNextApply_WhichReloadsAgain(string point)
    {
        await using var host = Start(docker);
        var ids = await FirstReleaseAsync(host, LoadsOnce);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);

        await KillHarness.KillAtAsync(host, point);
        var heldAtTheKill = await LoadedAsync(host, "OPENAI_API_KEY_FILE");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var next = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        if (point == FaultPoint.CurrentSwitched)
        {
            // The window a reload cannot close by itself: current moved, the app still holds what it loaded before.
            Assert.Equal(ValueOf("v1", "openai_api_key"), heldAtTheKill);
        }

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("reloaded again", plan.Output, StringComparison.Ordinal);
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(ValueOf("v2", "openai_api_key"), await LoadedAsync(host, "OPENAI_API_KEY_FILE"));
        Assert.Equal(ids, await IdsAsync(host));
        Assert.True(KillHarness.Ledger(host).IsGood(Horadus.Core.Desired.ReleaseStamp.Parse(Stamp2)));
    }

    [Fact]
    public async Task AnApiStillBindingCurrent_IsRecreatedOnceWithTheRootMounted_ThenReloadedByTheRotationAfter()
    {
        await using var host = Start(docker);
        var recreating = new ManifestShape { Services = ["api"] };
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, recreating);
        var reloading = Shape with { Services = ["api"] };
        host.WriteManifest(Stamp1, reloading);

        var migrate = await host.RunAsync("apply", "--auto-approve");
        var migrated = (await IdsAsync(host))["api"];
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, reloading);
        var (rotate, probes) = await WhileProbingAsync(host, () => host.RunAsync("apply", "--auto-approve"));

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains($"reload needs the secrets root mounted at {MountPath}", migrate.Output, StringComparison.Ordinal);
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Equal(migrated, (await IdsAsync(host))["api"]);
        Assert.True(probes.All(p => p == 200), $"failed probes: {string.Join(", ", probes.Where(p => p != 200))} of {probes.Count}");
        Assert.Equal(ValueOf("v2", "secret_key"), await DockerCli.DockerOkAsync("exec", host.ContainerName("api"), "cat", $"{MountPath}/current/secret_key"));
    }

    /// <summary>The first release applied, then the api (with <paramref name="apiEnvironment"/>) and the worker started wired for reloads.</summary>
    private static async Task<Dictionary<string, string>> FirstReleaseAsync(RotationHost host, IReadOnlyDictionary<string, string> apiEnvironment)
    {
        host.WriteValues("v1");
        host.WriteManifest(Stamp1, Shape);
        var first = await host.RunAsync("apply", "--auto-approve", "--bootstrap");
        Assert.True(first.ExitCode == 0, first.ToString());
        await host.StartServiceAsync("api", apiEnvironment, reloads: true);
        await host.StartServiceAsync("worker", reloads: true);
        await host.WaitForApiAsync();
        var settled = await host.RunAsync("plan", "--detailed-exitcode");
        Assert.True(settled.ExitCode == 0, settled.ToString());
        return await IdsAsync(host);
    }

    /// <summary>Runs <paramref name="run"/> while a prober asks the api's health every 20 ms; every status it got (0: no answer).</summary>
    private static async Task<(HoradusRun Run, List<int> Statuses)> WhileProbingAsync(RotationHost host, Func<Task<HoradusRun>> run)
    {
        var statuses = new List<int>();
        using var stop = new CancellationTokenSource();
        var prober = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                statuses.Add((await Eventually.GetLoopbackAsync(host.ApiPort, "/cgi-bin/health")).Status);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        var result = await run();
        await stop.CancelAsync();
        await prober;
        return (result, statuses);
    }

    /// <summary>What the api holds for <paramref name="variable"/>: the copy it made when it (re)loaded its secrets.</summary>
    private static Task<string> LoadedAsync(RotationHost host, string variable) =>
        DockerCli.DockerOkAsync("exec", host.ContainerName("api"), "cat", $"/tmp/loaded/{variable}");

    private static async Task<string> LogsAsync(string container)
    {
        var logs = await DockerCli.DockerAsync("logs", container);
        return logs.Stdout + logs.Stderr;
    }

    private static int CountOf(string text, string log) => log.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    private static async Task<Dictionary<string, string>> IdsAsync(RotationHost host)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in new[] { "api", "worker" })
        {
            if (await InspectAsync(host.ContainerName(service)) is { } inspect)
            {
                ids[service] = inspect.GetProperty("Id").GetString()!;
            }
        }

        return ids;
    }
}
