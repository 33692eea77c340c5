using System.Text.Json;
using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;

namespace Horadus.Integration.Tests;

/// <summary>
/// <c>horadus watch</c> as a process, as an operator runs it: a short interval, a webhook receiver and a metrics scrape on
/// loopback, changes made the way people make them, and every wait bounded (tests/Shared/WatchDaemon.cs).
/// </summary>
public sealed class WatchTests
{
    private const string First = "20260215T090000Z";
    private const string Second = "20260301T000000Z";

    [Fact]
    public async Task Watch_WithPolicyCorrect_RotatesANewRelease_RepairsAChmod_NotifiesEachApplyOnce_AndServesMetrics()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest(First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        using var hook = new NotificationSink();
        var metricsPort = WatchDaemon.FreeLoopbackPort();

        await using var watch = WatchDaemon.Start(sandbox.Directory, sandbox.Environment, "watch", "--interval", "1s", "--policy", "correct", "--debounce", "0s",
            "--webhook", hook.Url, "--metrics", $"127.0.0.1:{metricsPort}");
        await watch.UntilAsync(() => watch.Log.Contains("cycle: InSync", StringComparison.Ordinal), "the first cycle");

        sandbox.WriteValues("v2");
        sandbox.WriteManifest(Second);
        await watch.UntilAsync(() => new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget == $"releases/{Second}", "the rotation");

        var file = Path.Combine(sandbox.Root, "releases", Second, "api_keys");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await watch.UntilAsync(() => Owner.ModeOf(file) == "640", "the repair of the chmod");
        await watch.UntilAsync(() => hook.Count("apply_succeeded") == 2, "two notifications");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"horadus_release_info{{stamp=\"{Second}\"", metrics, StringComparison.Ordinal);
        Assert.Contains("horadus_apply_total{outcome=\"succeeded\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("horadus_reconcile_duration_seconds_count", metrics, StringComparison.Ordinal);

        // In sync for a few more cycles: nothing more is announced.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal("apply_succeeded, apply_succeeded", hook.Events);
        Assert.DoesNotContain("SECRET-", string.Join("\n", hook.Received.Select(n => n.GetRawText())) + metrics + watch.Log, StringComparison.Ordinal);

        await watch.StopAsync();
        Assert.True(watch.ExitCode == 0, watch.Log);
    }

    [Fact]
    public async Task Watch_WhileSuspended_ReportsTheDriftOnce_AndChangesNothing_UntilResumed()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest(First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        Assert.Equal(0, (await sandbox.RunAsync("suspend", "--reason", "hands-on maintenance")).ExitCode);
        using var hook = new NotificationSink();
        var file = Path.Combine(sandbox.Root, "releases", First, "api_keys");

        await using var watch = WatchDaemon.Start(sandbox.Directory, sandbox.Environment, "watch", "--interval", "1s", "--policy", "correct", "--webhook", hook.Url);
        await watch.UntilAsync(() => hook.Count("suspended") == 1, "the suspension to be announced");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await watch.UntilAsync(() => hook.Count("drift_appeared") == 1, "the drift to be announced");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal("644", Owner.ModeOf(file));
        Assert.Equal(1, hook.Count("drift_appeared"));
        Assert.Equal(2, (await sandbox.RunAsync("drift")).ExitCode);

        Assert.Equal(0, (await sandbox.RunAsync("resume")).ExitCode);
        await watch.UntilAsync(() => Owner.ModeOf(file) == "640", "the repair after resume");
        await watch.UntilAsync(() => hook.Count("resumed") == 1 && hook.Count("drift_resolved") == 1, "resume and resolution to be announced");
    }

    [Fact]
    public async Task Watch_RefusesAMetricsAddressBeyondLoopback()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest(First);

        var run = await sandbox.RunAsync("watch", "--once", "--metrics", "0.0.0.0:9464");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a loopback", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchOnce_SaysByItsExitCodeWhetherTheHostDrifted_AndStatusShowsTheLastCycle()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest(First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        var inSync = await sandbox.RunAsync("watch", "--once");
        sandbox.WriteManifest(Second);
        var drifted = await sandbox.RunAsync("watch", "--once");
        var corrected = await sandbox.RunAsync("watch", "--once", "--policy", "correct", "--debounce", "0s");
        var status = await sandbox.RunAsync("status");
        var json = await sandbox.RunAsync("status", "--json");

        Assert.True(inSync.ExitCode == 0, inSync.ToString());
        Assert.True(drifted.ExitCode == 2, drifted.ToString());
        Assert.True(corrected.ExitCode == 0, corrected.ToString());
        Assert.Equal($"releases/{Second}", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Daemon: last cycle", status.Output, StringComparison.Ordinal);
        Assert.Contains("applied (policy correct", status.Output, StringComparison.Ordinal);
        PublishedSchema.AssertValid("horadus.status.schema.json", json.Output);
        Assert.Equal("applied", JsonDocument.Parse(json.Output).RootElement.GetProperty("daemon").GetProperty("last").GetProperty("state").GetString());
    }
}
