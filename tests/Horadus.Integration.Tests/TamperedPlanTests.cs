using System.Text.Json.Nodes;
using Horadus.Core.Desired;
using Horadus.Host.Tree;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>A saved plan is a file anyone could edit: what runs is what horadus computes, never what the file says.</summary>
public sealed class TamperedPlanTests
{
    [Fact]
    public async Task ApplyOfAPlanWhoseOperationWasEdited_IsRefused_AndTheEditedTargetIsUntouched()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var file = Path.Combine(sandbox.Root, "releases", "20260215T090000Z", "api_keys");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var victim = Path.Combine(sandbox.Directory, "victim");
        File.WriteAllText(victim, "not horadus's");
        File.SetUnixFileMode(victim, UnixFileMode.UserRead);
        await sandbox.RunAsync("plan", "--out", "repair.plan");
        var planPath = Path.Combine(sandbox.Directory, "repair.plan");
        var plan = JsonNode.Parse(File.ReadAllText(planPath))!;
        plan["changes"]![0]!["operation"]!["relative_path"] = victim;
        plan["changes"]![0]!["operation"]!["mode"] = "0777";
        File.WriteAllText(planPath, plan.ToJsonString());

        var apply = await sandbox.RunAsync("apply", "repair.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("it was edited after it was saved", apply.Error, StringComparison.Ordinal);
        Assert.Equal("400", Owner.ModeOf(victim));
        Assert.Equal("644", Owner.ModeOf(file));
    }

    [Fact]
    public async Task ApplyOfAPlanWhosePruneWasPointedAtTheLiveRelease_IsRefused()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest("20260101T000000Z", keepPrevious: 0);
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260201T000000Z", keepPrevious: 0);
        await sandbox.RunAsync("apply", "--auto-approve");
        await sandbox.RunAsync("plan", "--out", "prune.plan");
        var planPath = Path.Combine(sandbox.Directory, "prune.plan");
        var plan = JsonNode.Parse(File.ReadAllText(planPath))!;
        var prune = plan["changes"]!.AsArray().Single(c => (string?)c!["operation"]!["op"] == "delete-release")!;
        prune["operation"]!["stamp"] = "20260201T000000Z";
        File.WriteAllText(planPath, plan.ToJsonString());

        var apply = await sandbox.RunAsync("apply", "prune.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "current", "secret_key")));
    }

    [Fact]
    public async Task ApplyOfAPlanFileWithAMalformedField_SaysSoWithoutAStackTrace()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("plan", "--out", "broken.plan");
        var planPath = Path.Combine(sandbox.Directory, "broken.plan");
        var plan = JsonNode.Parse(File.ReadAllText(planPath))!;
        plan["release"] = "yesterday";
        plan["changes"] = null;
        File.WriteAllText(planPath, plan.ToJsonString());

        var apply = await sandbox.RunAsync("apply", "broken.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("is not a complete horadus plan file", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", apply.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedPlanFile_IsPrivateToItsOwner()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        await sandbox.RunAsync("plan", "--out", "private.plan");

        Assert.Equal("600", Owner.ModeOf(Path.Combine(sandbox.Directory, "private.plan")));
    }

    [Fact]
    public async Task DeletingTheLiveRelease_IsRefusedByTheHostAdapterItself()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var host = new PosixSecretsHost(sandbox.Root);

        var refused = Assert.Throws<InvalidOperationException>(() => host.DeleteRelease(ReleaseStamp.Parse("20260215T090000Z")));

        Assert.Contains("is live", refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "current", "secret_key")));
    }

    [Fact]
    public async Task SetAttributes_RefusesAPathThatLeavesTheRoot()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var host = new PosixSecretsHost(sandbox.Root);

        Assert.Throws<InvalidOperationException>(() => host.SetAttributes("../values/secret_key", 0, 0, new PermissionMode(0b111_111_111)));
        Assert.Throws<InvalidOperationException>(() => host.SetAttributes("/etc/passwd", 0, 0, new PermissionMode(0b111_111_111)));
    }

    [Fact]
    public async Task AutoApprovedApply_OnAMissingRoot_WhosePlanHasErrors_CreatesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(extra: "services:\n  api:\n    compose: { project: nowhere }\n");
        sandbox.Environment["DOCKER_HOST"] = "unix:///nonexistent/docker.sock";

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("container engine", apply.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.Root));
    }
}
