using System.Text.Json;
using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;

namespace Horadus.Integration.Tests;

/// <summary>
/// <c>horadus watch --git-repository</c> as a process, as a new user tries it (issue #9): the manifest committed to a local
/// repository, releases rolled out by commits, a burst of commits coalesced, an unsigned commit refused. Every wait bounded.
/// </summary>
public sealed class WatchGitTests
{
    private static readonly string[] Burst = ["20260302T000000Z", "20260303T000000Z", "20260304T000000Z", "20260305T000000Z", "20260306T000000Z"];
    private const string First = "20260215T090000Z";
    private const string Second = "20260301T000000Z";
    private const string Manifest = "horadus.desired.yaml";

    [Fact]
    public async Task WatchGit_RotatesEachCommittedRelease_RecordsTheCommitAsRevision_AndCoalescesABurstIntoOneRotation()
    {
        using var sandbox = new Sandbox();
        var upstream = new GitUpstream(Path.Combine(sandbox.Directory, "upstream"));
        CommitStamp(sandbox, upstream, First);
        using var hook = new NotificationSink();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        await using var watch = StartWatch(sandbox, upstream, hook);
        await watch.UntilAsync(() => Live(sandbox) == First, "the first release from git");

        var second = CommitStamp(sandbox, upstream, Second);
        await watch.UntilAsync(() => Live(sandbox) == Second, "the rotation to the committed release");
        await watch.UntilAsync(() => hook.Count("apply_succeeded") == 2, "the second apply_succeeded");
        var records = await HistoryAsync(sandbox);
        Assert.Equal(second, records.Single(r => r.GetProperty("stamp").GetString() == Second).GetProperty("revision").GetString());

        // Five commits in a quick burst (well within the 2 s debounce, even on a loaded host): one more rotation, to the last of them.
        string last = "";
        foreach (var stamp in Burst)
        {
            last = CommitStamp(sandbox, upstream, stamp);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await watch.UntilAsync(() => { seen.Add(Live(sandbox) ?? ""); return Live(sandbox) == Burst[^1]; }, "the rotation to the last commit of the burst");
        for (var i = 0; i < 30; i++)
        {
            seen.Add(Live(sandbox) ?? "");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        records = await HistoryAsync(sandbox);
        Assert.True(hook.Count("apply_succeeded") == 3, $"{hook.Events}\n{watch.Log}");
        Assert.Equal(3, records.Count);
        Assert.Equal(last, records.Single(r => r.GetProperty("stamp").GetString() == Burst[^1]).GetProperty("revision").GetString());
        foreach (var intermediate in Burst[..^1])
        {
            Assert.DoesNotContain(intermediate, seen);
            Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "releases", intermediate)), $"{intermediate} was written:\n{watch.Log}");
        }

        Assert.Equal(Burst[^1], Live(sandbox));
        Assert.Equal(last, hook.Of("apply_succeeded")[^1].GetProperty("revision").GetString());
        await watch.StopAsync();
        Assert.True(watch.ExitCode == 0, watch.Log);
    }

    [Fact]
    public async Task WatchGit_WithAllowedSigners_NeverAppliesAnUnsignedCommit_AndAnnouncesItOnce_NamingTheCommit()
    {
        using var sandbox = new Sandbox();
        var upstream = new GitUpstream(Path.Combine(sandbox.Directory, "upstream"));
        var (key, signers) = upstream.NewSigner("release-bot");
        CommitStamp(sandbox, upstream, First, key);
        using var hook = new NotificationSink();

        await using var watch = StartWatch(sandbox, upstream, hook, "correct", "--git-allowed-signers", signers);
        await watch.UntilAsync(() => Live(sandbox) == First, "the signed release");

        var unsigned = CommitStamp(sandbox, upstream, Second);
        await watch.UntilAsync(() => hook.Count("error_appeared") == 1, "the refusal to be announced");
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        Assert.True(hook.Count("error_appeared") == 1, hook.Events);
        var error = hook.Of("error_appeared")[0];
        Assert.Contains(unsigned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(First, Live(sandbox));
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "releases", Second)));
        Assert.Equal(1, hook.Count("apply_succeeded"));
        Assert.Single(await HistoryAsync(sandbox));
    }

    [Fact]
    public async Task WatchGit_WithPolicyReport_ReportsAChmodOnce_InDriftAndMetrics_AndLeavesItAlone()
    {
        using var sandbox = new Sandbox();
        var upstream = new GitUpstream(Path.Combine(sandbox.Directory, "upstream"));
        CommitStamp(sandbox, upstream, First);
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        using var hook = new NotificationSink();
        var port = WatchDaemon.FreeLoopbackPort();
        var file = Path.Combine(sandbox.Root, "releases", First, "api_keys");

        await using var watch = StartWatch(sandbox, upstream, hook, "report", "--metrics", $"127.0.0.1:{port}");
        await watch.UntilAsync(() => watch.Log.Contains("cycle: InSync", StringComparison.Ordinal), "the first cycle in sync");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await watch.UntilAsync(() => hook.Count("drift_appeared") == 1, "the drift to be announced");
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        var drift = await sandbox.RunAsync("drift");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);
        Assert.True(drift.ExitCode == 2, drift.ToString());
        Assert.Contains("horadus_drift_items{kind=\"attributes\"} 1", metrics, StringComparison.Ordinal);
        Assert.True(hook.Count("drift_appeared") == 1 && hook.Received.Count == 1, hook.Events);
        Assert.Equal("644", Owner.ModeOf(file));
        Assert.DoesNotContain("SECRET-", watch.Log + metrics + string.Join("\n", hook.Received), StringComparison.Ordinal);
    }

    private static WatchDaemon StartWatch(Sandbox sandbox, GitUpstream upstream, NotificationSink hook, string policy = "correct", params string[] extra) =>
        WatchDaemon.Start(sandbox.Directory, [],
        [
            "watch", "--git-repository", upstream.Path, "--git-ref", "main", "--git-path", Manifest,
            "--git-cache", Path.Combine(sandbox.Directory, "git-cache"), "--interval", "1s", "--policy", policy,
            "--debounce", "2s", "--webhook", hook.Url, .. extra,
        ]);

    /// <summary>Commits a manifest for <paramref name="stamp"/> (absolute root and values: a relative one would land in the cache), and keeps a copy beside the sandbox for <c>history</c>.</summary>
    private static string CommitStamp(Sandbox sandbox, GitUpstream upstream, string stamp, string? key = null)
    {
        var yaml = "version: 1\nenvironment: development\n" +
                   $"secrets_root: {sandbox.Root}\n" +
                   $"release:\n  stamp: \"{stamp}\"\n  source:\n    directory: {sandbox.Values}\n" +
                   "retention:\n  keep_previous: 1\n  stability_window: 0s\n";
        File.WriteAllText(sandbox.ManifestPath, yaml);
        return upstream.Commit(Manifest, yaml, key);
    }

    private static string? Live(Sandbox sandbox) =>
        new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget is { } target ? Path.GetFileName(target) : null;

    private static async Task<List<JsonElement>> HistoryAsync(Sandbox sandbox)
    {
        var run = await sandbox.RunAsync("history", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
