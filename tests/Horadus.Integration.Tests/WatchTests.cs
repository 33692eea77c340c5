using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// <c>horadus watch</c> as a process, as an operator runs it: a short interval, a webhook receiver and a metrics scrape on
/// loopback, changes made the way people make them, and every wait bounded.
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
        using var hook = new WebhookReceiver();
        var metricsPort = FreePort();

        using var watch = HoradusProcess.Start(sandbox, "watch", "--interval", "1s", "--policy", "correct", "--debounce", "0s",
            "--webhook", hook.Url, "--metrics", $"127.0.0.1:{metricsPort}");
        var log = Drain(watch);
        try
        {
            await UntilAsync(() => log.ToString().Contains("cycle: InSync", StringComparison.Ordinal), watch, log, "the first cycle");

            sandbox.WriteValues("v2");
            sandbox.WriteManifest(Second);
            await UntilAsync(() => new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget == Path.Combine(sandbox.Root, "releases", Second), watch, log, "the rotation");

            var file = Path.Combine(sandbox.Root, "releases", Second, "api_keys");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await UntilAsync(() => Owner.ModeOf(file) == "640", watch, log, "the repair of the chmod");
            await UntilAsync(() => hook.Events.Count(e => e == "apply_succeeded") == 2, watch, log, "two notifications");

            using var http = new HttpClient();
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken);
            Assert.Contains($"horadus_release_info{{stamp=\"{Second}\"", metrics, StringComparison.Ordinal);
            Assert.Contains("horadus_apply_total{outcome=\"succeeded\"} 2", metrics, StringComparison.Ordinal);
            Assert.Contains("horadus_reconcile_duration_seconds_count", metrics, StringComparison.Ordinal);

            // In sync for a few more cycles: nothing more is announced.
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal(["apply_succeeded", "apply_succeeded"], hook.Events);
            Assert.DoesNotContain("SECRET-", string.Join("\n", hook.Bodies) + metrics + log, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(watch);
        }

        Assert.True(watch.ExitCode == 0, log.ToString());
    }

    [Fact]
    public async Task Watch_WhileSuspended_ReportsTheDriftOnce_AndChangesNothing_UntilResumed()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest(First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        Assert.Equal(0, (await sandbox.RunAsync("suspend", "--reason", "hands-on maintenance")).ExitCode);
        using var hook = new WebhookReceiver();
        var file = Path.Combine(sandbox.Root, "releases", First, "api_keys");

        using var watch = HoradusProcess.Start(sandbox, "watch", "--interval", "1s", "--policy", "correct", "--webhook", hook.Url);
        var log = Drain(watch);
        try
        {
            await UntilAsync(() => hook.Events.Contains("suspended"), watch, log, "the suspension to be announced");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await UntilAsync(() => hook.Events.Contains("drift_appeared"), watch, log, "the drift to be announced");
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Equal("644", Owner.ModeOf(file));
            Assert.Equal(1, hook.Events.Count(e => e == "drift_appeared"));
            var drift = await sandbox.RunAsync("drift");
            Assert.Equal(2, drift.ExitCode);

            Assert.Equal(0, (await sandbox.RunAsync("resume")).ExitCode);
            await UntilAsync(() => Owner.ModeOf(file) == "640", watch, log, "the repair after resume");
            await UntilAsync(() => hook.Events.Contains("resumed") && hook.Events.Contains("drift_resolved"), watch, log, "resume and resolution to be announced");
        }
        finally
        {
            await StopAsync(watch);
        }
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
    public async Task WatchOnce_SaysByItsExitCodeWhetherTheHostDrifted()
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

        Assert.True(inSync.ExitCode == 0, inSync.ToString());
        Assert.True(drifted.ExitCode == 2, drifted.ToString());
        Assert.True(corrected.ExitCode == 0, corrected.ToString());
        Assert.Equal(Path.Combine(sandbox.Root, "releases", Second), new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(sandbox.Root, ".horadus", "watch.json")));
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Daemon: last cycle", status.Output, StringComparison.Ordinal);
        Assert.Contains("applied (policy correct", status.Output, StringComparison.Ordinal);
        var json = await sandbox.RunAsync("status", "--json");
        PublishedSchema.AssertValid("horadus.status.schema.json", json.Output);
        Assert.Equal("applied", JsonDocument.Parse(json.Output).RootElement.GetProperty("daemon").GetProperty("last").GetProperty("state").GetString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static System.Text.StringBuilder Drain(Process process)
    {
        var log = new System.Text.StringBuilder();
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return log;
    }

    private static async Task UntilAsync(Func<bool> condition, Process process, System.Text.StringBuilder log, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited, $"horadus watch ended while waiting for {what}:\n{log}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(45), $"no {what} within 45 s:\n{log}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(bound.Token);
    }

    /// <summary>A webhook on loopback that records each notification it is sent.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<string> _bodies = new();

        public WebhookReceiver()
        {
            Url = $"http://127.0.0.1:{FreePort()}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<string> Bodies => [.. _bodies];

        public IReadOnlyList<string> Events => Bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("event").GetString()!).ToList();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                _bodies.Enqueue(await reader.ReadToEndAsync());
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
