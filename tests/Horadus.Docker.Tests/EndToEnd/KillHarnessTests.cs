using System.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Host.State;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// The kill harness: a real <c>horadus apply</c> process, on the real engine, is killed with SIGKILL at each named fault
/// point in turn (its test switch, HORADUS_FAULT_POINT), and the next apply must converge with the right verdict: a good
/// release proven and live, a bad one failed and the last good one live, no container left aside, an empty plan after.
/// </summary>
public sealed class KillHarnessTests(DockerRequirement docker)
{
    private static readonly ManifestShape GoodShape = new() { Services = ["api", "worker"], Preflight = true };
    private static readonly ManifestShape BadShape = new() { Services = ["api", "worker"] };

    /// <summary>Every point a good rotation reaches (api's service points come first: it is wave 0).</summary>
    public static TheoryData<string> GoodRotationPoints() => new(FaultPoint.RotationPoints);

    /// <summary>The points of a rotation to a bad key: before its verdict, at the verdict, and at each step of the rollback.</summary>
    public static TheoryData<string> BadRotationPoints() =>
        new([FaultPoint.CurrentSwitched, FaultPoint.ContainerStarted, .. FaultPoint.RollbackPoints]);

    [Theory]
    [MemberData(nameof(GoodRotationPoints))]
    public async Task AGoodRotationKilledAtAnyPoint_IsFinishedByTheNextApply_AndTheReleaseProven(string point)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, GoodShape);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, GoodShape);

        await KillAtAsync(host, point);
        var next = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        var ledger = Ledger(host);
        Assert.True(ledger.IsGood(Core.Desired.ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not proven after a kill at {point}");
        await AssertServicesRunAsync(host, "v2");
    }

    [Theory]
    [MemberData(nameof(BadRotationPoints))]
    public async Task ABadRotationKilledAtAnyPoint_EndsFailedAndRolledBack_AndIsNeverDeployedAgain(string point)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, BadShape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, BadShape);

        await KillAtAsync(host, point);
        var next = await host.RunAsync("apply", "--auto-approve");
        var again = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        // Killed before the verdict, the next apply gates the release again and rolls it back (exit 1); after it, the
        // next apply only finishes the rollback (exit 0). Either way the one after has nothing to do.
        Assert.True(next.ExitCode is 0 or 1, next.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No changes", again.Output, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"release {Stamp2} failed before and is not applied again by itself", after.All, StringComparison.Ordinal);
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        var ledger = Ledger(host);
        Assert.True(ledger.IsFailed(Core.Desired.ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not failed after a kill at {point}");
        Assert.Equal(Core.Desired.ReleaseStamp.Parse(Stamp1), ledger.LastGood);
        await AssertServicesRunAsync(host, "v1");
    }

    /// <summary>Runs <c>horadus apply</c> as its own process with the fault point armed, and checks it died there.</summary>
    private static async Task KillAtAsync(RotationHost host, string point)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "horadus.dll"), "apply", "--auto-approve"])
        {
            WorkingDirectory = host.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in host.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HORADUS_FAULT_POINT"] = point;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var run = $"exit {process.ExitCode}\n--- stdout\n{await output}\n--- stderr\n{await error}";
        TestContext.Current.TestOutputHelper?.WriteLine($"$ HORADUS_FAULT_POINT={point} horadus apply --auto-approve\n{run}");
        Assert.True(process.ExitCode == 137, $"not killed at {point}: {run}");
        Assert.Contains($"killed at fault point {point}", run, StringComparison.Ordinal);
    }

    private static ReleaseLedger Ledger(RotationHost host) => new(new JsonlHistoryStore(host.Root).Read());

    /// <summary>Every service runs one container, none is set aside, and each reads the <paramref name="generation"/> values.</summary>
    private static async Task AssertServicesRunAsync(RotationHost host, string generation)
    {
        var ids = await host.ContainerIdsAsync();
        Assert.Equal(2, ids.Count);
        foreach (var service in new[] { "api", "worker" })
        {
            var name = host.ContainerName(service);
            var inspect = (await InspectAsync(name))!.Value;
            Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
            Assert.Equal(ValueOf(generation, "secret_key"), await ReadInsideAsync(name, "secret_key"));
        }
    }
}
