using System.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Git.Tests.Support;
using Horadus.Host.Git;

namespace Horadus.Git.Tests;

public sealed class FailureTests : IDisposable
{
    private const string Secret = "s3cr3t-t0ken";
    private readonly GitWorld world = new();

    public void Dispose() => world.Dispose();

    [Fact]
    public async Task Fetch_WhenGitHangs_StopsAtTheTimeout_KillsItsProcessTree_AndIsTransient()
    {
        var (hanging, childPid) = HangingGit();
        using var source = new GitManifestSource(world.Options() with { GitExecutable = hanging, Timeout = TimeSpan.FromSeconds(1) });

        var clock = Stopwatch.StartNew();
        var error = await source.RefusedAsync(ManifestSourceProblem.TimedOut);
        clock.Stop();

        Assert.Equal(ManifestSourceFailure.Transient, error.Kind);
        Assert.Contains("within 1s", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        AssertGone(childPid);
    }

    [Fact]
    public async Task Fetch_CancelledWhileGitHangs_IsCancelledAndKillsItsProcessTree()
    {
        var (hanging, childPid) = HangingGit();
        using var source = new GitManifestSource(world.Options() with { GitExecutable = hanging });
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        shutdown.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.FetchAsync(shutdown.Token));

        AssertGone(childPid);
    }

    [Fact]
    public async Task Fetch_FromARepositoryThatIsNotThere_IsTransientWithGitsMessage()
    {
        using var source = new GitManifestSource(world.Options() with { Repository = Path.Combine(world.Root, "gone") });

        var error = await source.RefusedAsync(ManifestSourceProblem.Unreachable);
        Assert.Equal(ManifestSourceFailure.Transient, error.Kind);
        Assert.Contains("does not appear to be a git repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_FromAUrlWithCredentials_WorksAndNeverShowsThemInAnyMessage()
    {
        world.Commit("release: one\n");
        var url = $"file://horadus:{Secret}@{world.Upstream}";
        using (var good = new GitManifestSource(world.Options() with { Repository = url }))
        {
            var revision = await good.FetchAsync(TestContext.Current.CancellationToken);
            Assert.Equal(world.Head(), revision.Commit);
        }

        var messages = new List<string>();
        foreach (var options in new[]
                 {
                     world.Options("no-such-branch") with { Repository = url },
                     world.Options() with { Repository = url + "-gone" },
                     world.Options() with { Repository = url, ManifestPath = "missing.yaml" },
                 })
        {
            using var source = new GitManifestSource(options);
            messages.Add((await Assert.ThrowsAsync<ManifestSourceException>(() => source.FetchAsync(TestContext.Current.CancellationToken))).Message);
        }

        messages.Add(Assert.Throws<ManifestSourceException>(() => new GitManifestSource(new GitSourceOptions
        {
            Repository = "-" + url,
            Ref = "main",
            CacheDirectory = world.Cache,
        })).Message);

        Assert.Contains(messages, m => m.Contains($"file://{world.Upstream}", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain(Secret, m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("horadus:", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_WhileAnotherSourceHoldsTheCache_WaitsForTheTimeoutThenIsTransient()
    {
        world.Commit("release: one\n");
        using var holder = new GitManifestSource(world.Options());
        await holder.FetchAsync(TestContext.Current.CancellationToken);
        using var second = new GitManifestSource(world.Options() with { Timeout = TimeSpan.FromSeconds(1) });

        var error = await second.RefusedAsync(ManifestSourceProblem.CacheBusy);
        holder.Dispose();
        var revision = await second.FetchAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ManifestSourceFailure.Transient, error.Kind);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Equal(world.Head(), revision.Commit);
    }

    [Fact]
    public async Task Fetch_AfterAGitWasKilledInTheCache_RecoversFromItsLeftoverLockFiles()
    {
        world.Commit("release: one\n");
        await world.FetchOnceAsync();

        File.WriteAllText(Path.Combine(world.Cache, "checkout", ".git", "index.lock"), "");
        var second = world.Commit("release: two\n");
        var revision = await world.FetchOnceAsync();

        world.AssertCheckedOut(revision, second, "release: two\n");
    }

    [Fact]
    public async Task Fetch_AfterTheCheckoutWasTamperedWith_RestoresTheCommittedFiles()
    {
        world.Commit("release: one\n");
        using var source = new GitManifestSource(world.Options());
        var revision = await source.FetchAsync(TestContext.Current.CancellationToken);
        File.WriteAllText(revision.ManifestPath, "release: tampered\n");
        File.WriteAllText(Path.Combine(revision.TreePath, "planted.yaml"), "x");

        var again = await source.FetchAsync(TestContext.Current.CancellationToken);

        Assert.Equal("release: one\n", world.Read(again.ManifestPath));
        Assert.False(File.Exists(Path.Combine(again.TreePath, "planted.yaml")));
    }

    /// <summary>A stand-in git that starts a child and waits for it forever; the child's pid is written to a file.</summary>
    private (string Executable, string ChildPidFile) HangingGit()
    {
        var childPid = Path.Combine(world.Root, "child.pid");
        var hanging = Path.Combine(world.Root, "hanging-git");
        File.WriteAllText(hanging, $"#!/bin/sh\nsleep 300 &\necho $! > '{childPid}'\nwait\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (hanging, childPid);
    }

    /// <summary>The child is dead: gone, or a zombie until reaped. Polled briefly, since the kill is asynchronous.</summary>
    private static void AssertGone(string childPidFile)
    {
        var pid = int.Parse(File.ReadAllText(childPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z")
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"the hanging git's child {pid} still runs");
    }
}
