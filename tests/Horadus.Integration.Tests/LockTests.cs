using Horadus.Host.State;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

public sealed class LockTests
{
    [Fact]
    public async Task Apply_WhileAnotherApplyHoldsTheLock_FailsNamingTheHolder_AndChangesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260301T000000Z");
        var before = sandbox.TreeFingerprint();
        var held = new FileApplyLock(sandbox.Root, TimeProvider.System).Acquire(TimeSpan.Zero, false, TestContext.Current.CancellationToken);

        CliResult apply;
        try
        {
            apply = await sandbox.RunAsync("apply", "--auto-approve", "--lock-timeout", "0s");
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"another apply holds the lock on {sandbox.Root}: pid {Environment.ProcessId}", apply.Error, StringComparison.Ordinal);
        Assert.Contains("--lock-timeout", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint().Replace("\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_WithALockTimeout_WaitsForTheOtherApplyToFinish()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260301T000000Z");
        var held = new FileApplyLock(sandbox.Root, TimeProvider.System).Acquire(TimeSpan.Zero, false, TestContext.Current.CancellationToken);
        _ = Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken).ContinueWith(_ => held.Dispose(), TaskScheduler.Default);

        var apply = await sandbox.RunAsync("apply", "--auto-approve", "--lock-timeout", "30s");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.EndsWith("20260301T000000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentApplies_InSeparateProcesses_NeverInterleave()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => HoradusProcess.RunAsync(sandbox, TimeSpan.FromSeconds(60), "apply", "--auto-approve", "--lock-timeout", "30s")));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Single(runs, r => r.Output.Contains("Apply complete!", StringComparison.Ordinal));
        Assert.Equal(2, runs.Count(r => r.Output.Contains("No changes", StringComparison.Ordinal)));
        var history = File.ReadAllLines(Path.Combine(sandbox.Root, ".horadus", "history.jsonl"));
        Assert.Equal(2, history.Length);
    }
}
