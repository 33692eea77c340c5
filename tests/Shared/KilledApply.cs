using System.Diagnostics;
using Xunit;

namespace Horadus.Tests.Shared;

/// <summary>
/// <c>horadus apply --auto-approve</c> as its own process (the <c>horadus.dll</c> beside the tests), for the kill tests: a
/// fault point armed through <c>HORADUS_FAULT_POINT</c> makes it SIGKILL itself there, as a crash or an OOM kill would.
/// </summary>
internal static class KilledApply
{
    public static ProcessStartInfo Start(string workingDirectory, IEnumerable<KeyValuePair<string, string?>> environment, string? point)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "horadus.dll"), "apply", "--auto-approve"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        if (point is not null)
        {
            start.Environment["HORADUS_FAULT_POINT"] = point;
        }

        return start;
    }

    /// <summary>Runs <paramref name="start"/> (armed at <paramref name="point"/>) and checks it died there.</summary>
    public static async Task KillAtAsync(ProcessStartInfo start, string point)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var run = $"exit {process.ExitCode}\n--- stdout\n{await output}\n--- stderr\n{await error}";
        TestContext.Current.TestOutputHelper?.WriteLine($"$ HORADUS_FAULT_POINT={point} horadus apply --auto-approve\n{run}");
        Assert.True(process.ExitCode == 137, $"not killed at {point}: {run}");
        // "point#n" arms the n-th time the point is reached; the process names the point itself.
        Assert.Contains($"killed at fault point {point.Split('#')[0]}", run, StringComparison.Ordinal);
    }
}
