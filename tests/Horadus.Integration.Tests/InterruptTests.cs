using System.Diagnostics;
using Horadus.Host.State;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// Ctrl-C and SIGTERM on the real binary: the first signal cancels the command, which finishes its current step and
/// exits 1; the process is not ended behind its back (System.CommandLine would, 2 s after the signal); a second signal
/// ends it at once.
/// </summary>
public sealed class InterruptTests
{
    private const string Interrupted = "Interrupted: finishing the current step and rolling back; press Ctrl-C again to stop at once.";

    private static string ExampleFile => Path.Combine(RepositoryRoot.Path, "examples", "sops", "secrets.enc.yaml");

    private static string ExampleKey => Path.Combine(RepositoryRoot.Path, "examples", "sops", "age-key.txt");

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Apply_WaitingForTheLock_WhenSignalled_ExitsOneSayingInterrupted_AndChangesNothing(string signal)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260301T000000Z");
        var before = sandbox.TreeFingerprint();
        var lockFile = new FileApplyLock(sandbox.Root, TimeProvider.System);
        var held = lockFile.Acquire(TimeSpan.Zero, false, TestContext.Current.CancellationToken);

        using var process = Start(sandbox, [], "apply", "--auto-approve", "--lock-timeout", "60s");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => HasOpen(process, lockFile.LockPath), process, "the apply waiting for the lock");
        var sent = Stopwatch.StartNew();
        await KillAsync(process, signal);
        var exited = await ExitWithinAsync(process, TimeSpan.FromSeconds(10));

        Assert.True(exited, $"still running {sent.Elapsed} after SIG{signal}");
        var run = new CliResult(process.ExitCode, await output, await error);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(Interrupted, run.Error, StringComparison.Ordinal);
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(5), $"took {sent.Elapsed}: the lock wait did not stop at the signal");
        held.Dispose();
        Assert.Equal(before, sandbox.TreeFingerprint());
        Assert.EndsWith("20260215T090000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_InterruptedDuringAStepLongerThanTwoSeconds_IsNotKilled_ButFinishesTheStepAndExitsOne()
    {
        using var sandbox = new Sandbox();
        WriteSopsManifest(sandbox);
        var marker = Path.Combine(sandbox.Directory, "key-command-started");
        // A step that does not look at the cancellation token and outlives System.CommandLine's 2 s termination timeout.
        var keyCommand = $"touch '{marker}'; sleep 4; cat '{ExampleKey}'";
        var lockFile = new FileApplyLock(sandbox.Root, TimeProvider.System);
        var held = lockFile.Acquire(TimeSpan.Zero, true, TestContext.Current.CancellationToken);

        using var process = Start(sandbox, new() { ["SOPS_AGE_KEY_CMD"] = keyCommand }, "apply", "--auto-approve", "--lock-timeout", "60s");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => File.Exists(marker), process, "the key command");
        var sent = Stopwatch.StartNew();
        await KillAsync(process, "INT");
        var exited = await ExitWithinAsync(process, TimeSpan.FromSeconds(20));

        Assert.True(exited, $"still running {sent.Elapsed} after SIGINT");
        var run = new CliResult(process.ExitCode, await output, await error);
        Assert.True(run.ExitCode == 1, $"after {sent.Elapsed}: {run}");
        Assert.Contains(Interrupted, run.Error, StringComparison.Ordinal);
        Assert.True(sent.Elapsed > TimeSpan.FromSeconds(2.5), $"ended {sent.Elapsed} after the signal: the step was cut short");
        held.Dispose();
        // Nothing was written: the root the test's lock created goes with it.
        Assert.False(Directory.Exists(sandbox.Root), "the interrupted apply left something in the root");
    }

    [Fact]
    public async Task Apply_ASecondSignal_EndsTheProcessAtOnce()
    {
        using var sandbox = new Sandbox();
        WriteSopsManifest(sandbox);
        var marker = Path.Combine(sandbox.Directory, "key-command-started");
        var keyCommand = $"touch '{marker}'; sleep 20; cat '{ExampleKey}'";

        using var process = Start(sandbox, new() { ["SOPS_AGE_KEY_CMD"] = keyCommand }, "apply", "--auto-approve");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => File.Exists(marker), process, "the key command");
        await KillAsync(process, "INT");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.False(process.HasExited, "the first signal ended the process");
        var sent = Stopwatch.StartNew();
        await KillAsync(process, "INT");
        var exited = await ExitWithinAsync(process, TimeSpan.FromSeconds(10));

        Assert.True(exited, $"still running {sent.Elapsed} after the second SIGINT");
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(5), $"took {sent.Elapsed}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(Interrupted, await error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "releases")), "nothing may have been written");
    }

    private static void WriteSopsManifest(Sandbox sandbox) =>
        File.WriteAllText(sandbox.ManifestPath,
            "version: 1\nenvironment: production\nsecrets_root: secrets\nrelease:\n  stamp: \"20260215T090000Z\"\n  source:\n" +
            $"    sops: {ExampleFile}\n");

    /// <summary>The real binary, as <see cref="HoradusProcess.Start"/> starts it, with extra environment and no other age key.</summary>
    private static Process Start(Sandbox sandbox, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [HoradusProcess.Dll, .. args])
        {
            WorkingDirectory = sandbox.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(sandbox.Directory, "no-config");
        foreach (var name in new[] { "SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE", "SOPS_AGE_KEY_CMD" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Whether the process has <paramref name="path"/> open: it is then inside the lock wait, its signal handlers set.</summary>
    private static bool HasOpen(Process process, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{process.Id}/fd")
                .Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(!process.HasExited, $"the process ended (exit {(process.HasExited ? process.ExitCode : 0)}) before {what}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"no {what} within 30s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task KillAsync(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<bool> ExitWithinAsync(Process process, TimeSpan timeout)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }
}
