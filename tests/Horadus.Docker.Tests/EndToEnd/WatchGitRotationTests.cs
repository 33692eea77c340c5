using System.Text.Json;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Tests.Shared;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// <c>horadus watch --git-repository --policy correct</c> as a process on the real engine (issue #9): a committed release
/// whose key fails the api's HTTP gate is rolled back once and never retried; the next good commit rotates.
/// </summary>
public sealed class WatchGitRotationTests(DockerRequirement docker)
{
    private const string Manifest = "horadus.desired.yaml";

    [Fact]
    public async Task WatchGit_RollsBackABadCommittedReleaseOnce_NeverRetriesIt_ThenRotatesTheNextGoodOne()
    {
        await using var host = Start(docker);
        var shape = new ManifestShape { Services = ["api", "worker"], Deadline = "4s" };
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, shape);
        var upstream = new GitUpstream(Path.Combine(host.Directory, "upstream"));
        Commit(host, upstream);
        using var hook = new NotificationSink();

        await using var watch = WatchDaemon.Start(host.Directory, host.Environment,
            "watch", "--git-repository", $"file://{upstream.Path}", "--git-ref", "main", "--git-path", Manifest,
            "--git-cache", Path.Combine(host.Directory, "git-cache"), "--interval", "1s", "--policy", "correct",
            "--debounce", "0s", "--webhook", hook.Url);
        await watch.UntilAsync(() => watch.Log.Contains("cycle: InSync", StringComparison.Ordinal), "the first cycle in sync", TimeSpan.FromSeconds(30));

        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, shape);
        var bad = Commit(host, upstream);
        await watch.UntilAsync(() => hook.Count("rolled_back") == 1, "the bad release to be rolled back", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.True(hook.Count("rolled_back") == 1 && hook.Count("apply_succeeded") == 0, $"{hook.Events}\n{watch.Log}");
        Assert.Equal(bad, hook.Of("rolled_back")[0].GetProperty("revision").GetString());
        var applies = (await HistoryAsync(host)).Where(r => r.GetProperty("kind").GetString() == "apply" && r.GetProperty("stamp").GetString() == Stamp2).ToList();
        Assert.True(applies.Count == 1, $"{Stamp2} applied {applies.Count} times:\n{watch.Log}");
        Assert.Equal(bad, applies[0].GetProperty("revision").GetString());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        await KillHarness.AssertServicesRunAsync(host, "v1");

        host.WriteValues("v3");
        host.WriteManifest(Stamp3, shape);
        var good = Commit(host, upstream);
        await watch.UntilAsync(() => hook.Count("apply_succeeded") == 1, "the good release to rotate", TimeSpan.FromSeconds(60));

        Assert.Equal(host.ReleaseDirectory(Stamp3), host.CurrentTarget());
        Assert.Equal(good, hook.Of("apply_succeeded")[0].GetProperty("revision").GetString());
        await KillHarness.AssertServicesRunAsync(host, "v3");
        Assert.Equal(1, hook.Count("rolled_back"));
        Assert.DoesNotContain(BadOpenAiKey, watch.Log + string.Join("\n", hook.Received), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-", watch.Log + string.Join("\n", hook.Received), StringComparison.Ordinal);
        await watch.StopAsync();
        Assert.True(watch.ExitCode == 0, watch.Log);
    }

    /// <summary>Commits the host's manifest with an absolute root and values (relative ones would resolve inside the git cache).</summary>
    private static string Commit(RotationHost host, GitUpstream upstream)
    {
        var yaml = File.ReadAllText(host.ManifestPath)
            .Replace("secrets_root: secrets\n", $"secrets_root: {host.Root}\n", StringComparison.Ordinal)
            .Replace("    directory: values\n", $"    directory: {host.Values}\n", StringComparison.Ordinal);
        File.WriteAllText(host.ManifestPath, yaml);
        return upstream.Commit(Manifest, yaml);
    }

    private static async Task<List<JsonElement>> HistoryAsync(RotationHost host)
    {
        var run = await host.RunAsync("history", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
