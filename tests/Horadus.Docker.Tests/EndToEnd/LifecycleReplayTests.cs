using System.Text.Json;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;
using static Horadus.Docker.Tests.EndToEnd.Support.RotationHost;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// The release-lifecycle defects found from outside, each replayed on the real engine with the runbook's services: a
/// failed release never comes back by itself, a hand-moved <c>current</c> is moved back to the last good release, a
/// service that matches nothing is an error, and moving <c>current</c> back does not recreate what already mounts it.
/// </summary>
public sealed class LifecycleReplayTests(DockerRequirement docker)
{
    private static readonly ManifestShape Shape = new() { Services = ["api", "worker"], Deadline = "4s" };

    [Fact]
    public async Task ARolledBackRelease_IsNotResurrected_ByARepairOfTheLiveRelease_NorByTheApplyAfterIt()
    {
        await using var host = Start(docker);
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        host.WriteValues("v2", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp2, Shape);
        var failed = await host.RunAsync("apply", "--auto-approve");
        Assert.True(failed.ExitCode == 1, failed.ToString());

        // Anything to repair: a file of the live release made world-readable by hand.
        File.SetUnixFileMode(Path.Combine(host.ReleaseDirectory(Stamp1), "openai_api_key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var repair = await host.RunAsync("apply", "--auto-approve");
        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var again = await host.RunAsync("apply", "--auto-approve");
        var status = await host.RunAsync("status", "--json");
        var history = await host.RunAsync("history", "--json");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Contains($"Live release: {Stamp1}.", repair.Output, StringComparison.Ordinal);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.DoesNotContain($"~ current", plan.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
        Assert.Equal(before.Values.Order(StringComparer.Ordinal), await host.ContainerIdsAsync());
        using var records = JsonDocument.Parse(history.Output);
        Assert.DoesNotContain(records.RootElement.EnumerateArray(), r => r.GetProperty("stamp").GetString() == Stamp2 && r.GetProperty("outcome").GetString() == "succeeded");
        using var standing = JsonDocument.Parse(status.Output);
        Assert.Contains("failed", standing.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(BadOpenAiKey, repair.All + plan.All + again.All + status.All + history.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandMovedCurrent_WhileTheDesiredReleaseFailed_IsMovedBackToTheLastGoodRelease_NotToTheOlderOne()
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve")).ExitCode);
        host.WriteValues("v3", openAiKey: BadOpenAiKey);
        host.WriteManifest(Stamp3, Shape);
        Assert.Equal(1, (await host.RunAsync("apply", "--auto-approve")).ExitCode);

        var ln = await DockerCli.RunAsync("ln", ["-sfn", host.ReleaseDirectory(Stamp1), host.Current]);
        Assert.True(ln.ExitCode == 0, ln.Stderr);
        var plan = await host.RunAsync("plan", "--detailed-exitcode");
        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains($"~ current  releases/{Stamp1} -> releases/{Stamp2}", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("service/", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(host.ReleaseDirectory(Stamp2), host.CurrentTarget());
        foreach (var service in Shape.Services)
        {
            Assert.Equal(ValueOf("v2", "secret_key"), await ReadInsideAsync(host.ContainerName(service), "secret_key"));
        }
    }

    [Fact]
    public async Task CurrentMovedByHandAndBack_RecreatesNothingThatAlreadyMountsIt()
    {
        await using var host = Start(docker);
        var before = await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);
        Assert.Equal(0, (await host.RunAsync("apply", "--auto-approve")).ExitCode);
        var rotated = await host.ContainerIdsAsync();

        var ln = await DockerCli.RunAsync("ln", ["-sfn", host.ReleaseDirectory(Stamp1), host.Current]);
        Assert.True(ln.ExitCode == 0, ln.Stderr);
        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("~ current", apply.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("-/+ service/", apply.Output, StringComparison.Ordinal);
        Assert.Equal(rotated, await host.ContainerIdsAsync());
        Assert.NotEqual(before.Values.Order(StringComparer.Ordinal), rotated);
    }

    [Fact]
    public async Task AServiceThatMatchesNoContainer_FailsThePlan_AndTheApplyChangesNothing()
    {
        await using var host = Start(docker);
        await RotationTests.ThreeServicesOnFirstReleaseAsync(host, Shape);
        host.WriteValues("v2");
        host.WriteManifest(Stamp2, Shape);
        // A typo in the compose project.
        File.WriteAllText(host.ManifestPath, File.ReadAllText(host.ManifestPath).Replace($"project: {host.Project}, service: worker", "project: nope, service: worker", StringComparison.Ordinal));
        var tree = await host.TreeFingerprintAsync();

        var plan = await host.RunAsync("plan");
        var apply = await host.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("no container matches service 'worker' (com.docker.compose.project=nope,", plan.Error, StringComparison.Ordinal);
        Assert.Contains("--bootstrap", plan.Error, StringComparison.Ordinal);
        Assert.Equal(1, apply.ExitCode);
        Assert.DoesNotContain("Apply complete", apply.Output, StringComparison.Ordinal);
        Assert.Equal(tree, await host.TreeFingerprintAsync());
        Assert.Equal(host.ReleaseDirectory(Stamp1), host.CurrentTarget());
    }
}
