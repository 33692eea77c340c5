using System.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using Horadus.Host.State;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;
/// <summary>The kill harness on rotations to a bad key: at each point before the verdict, at the verdict, in the rollback, and at random moments.</summary>
public sealed class BadRotationKillTests(DockerRequirement docker)
{
    private static readonly ManifestShape BadShape = KillHarnessTests.BadShape;

    /// <summary>The points of a rotation to a bad key: before its verdict, at the verdict, and at each step of the rollback.</summary>
    public static TheoryData<string> BadRotationPoints() =>
        new([FaultPoint.CurrentSwitched, FaultPoint.ContainerStarted, .. FaultPoint.RollbackPoints]);

    [Theory]
    [MemberData(nameof(BadRotationPoints))]
    public async Task ABadRotationKilledAtAnyPoint_EndsFailedAndRolledBack_AndIsNeverDeployedAgain(string point)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, BadShape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, BadShape);

        await KillHarness.KillAtAsync(host, point);
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
        var ledger = KillHarness.Ledger(host);
        Assert.True(ledger.IsFailed(Core.Desired.ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not failed after a kill at {point}");
        Assert.Equal(Core.Desired.ReleaseStamp.Parse(Stamp1), ledger.LastGood);
        await KillHarness.AssertServicesRunAsync(host, "v1");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(900)]
    [InlineData(1500)]
    [InlineData(2300)]
    public async Task ABadRotationKilledAtAnyMoment_NotOnlyAtANamedPoint_EndsFailedAndRolledBack(int afterMilliseconds)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, BadShape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, BadShape);

        using var process = Process.Start(KillHarness.ApplyProcess(host, point: null))!;
        await Task.Delay(afterMilliseconds, TestContext.Current.CancellationToken);
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var next = await host.RunAsync("apply", "--auto-approve");
        var again = await host.RunAsync("apply", "--auto-approve");

        // Depending on the moment, the first run finished (exit 1), or the next one rolls back (1) or finishes a rollback (0).
        Assert.True(next.ExitCode is 0 or 1, next.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        var ledger = KillHarness.Ledger(host);
        // Killed before anything was journaled, the next apply made the whole rotation; either way it ends judged.
        Assert.True(ledger.IsFailed(Core.Desired.ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not failed after a kill at {afterMilliseconds} ms");
        await KillHarness.AssertServicesRunAsync(host, "v1");
        Assert.True((await host.RunAsync("plan", "--detailed-exitcode")).ExitCode == 0);
    }
}
