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
/// Good and bad rotations are two classes so that they run side by side.
/// </summary>
public sealed class KillHarnessTests(DockerRequirement docker)
{
    internal static readonly ManifestShape GoodShape = new() { Services = ["api", "worker"], Preflight = true };
    internal static readonly ManifestShape BadShape = new() { Services = ["api", "worker"] };

    /// <summary>Every point a good rotation reaches (api's service points come first: it is wave 0).</summary>
    public static TheoryData<string> GoodRotationPoints() => new(FaultPoint.RotationPoints);

    [Theory]
    [MemberData(nameof(GoodRotationPoints))]
    public async Task AGoodRotationKilledAtAnyPoint_IsFinishedByTheNextApply_AndTheReleaseProven(string point)
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, GoodShape);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, GoodShape);

        await KillHarness.KillAtAsync(host, point);
        var next = await host.RunAsync("apply", "--auto-approve");
        var after = await host.RunAsync("plan", "--detailed-exitcode");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        var ledger = KillHarness.Ledger(host);
        Assert.True(ledger.IsGood(Core.Desired.ReleaseStamp.Parse(Stamp2)), $"{Stamp2} is not proven after a kill at {point}");
        await KillHarness.AssertServicesRunAsync(host, "v2");
    }
}
