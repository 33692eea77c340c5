using System.Text.Json.Nodes;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

public sealed class SavedPlanTests
{
    [Fact]
    public async Task ApplyOfASavedPlan_AppliesExactlyIt_WithoutAsking()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var plan = await sandbox.RunAsync("plan", "--out", "rotation.plan");
        var apply = await sandbox.RunAsync("apply", "rotation.plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("horadus apply rotation.plan", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "current", "database_url")));
        Assert.DoesNotContain("SECRET-", File.ReadAllText(Path.Combine(sandbox.Directory, "rotation.plan")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyOfASavedPlan_AfterTheHostChanged_IsRefusedAndSaysWhatMoved()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var file = Path.Combine(sandbox.Root, "releases", "20260215T090000Z", "redis_url");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        await sandbox.RunAsync("plan", "--out", "repair.plan");
        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "repair.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("the plan is stale", apply.Error, StringComparison.Ordinal);
        Assert.Contains("host: was  release/20260215T090000Z/file/redis_url: File", apply.Error, StringComparison.Ordinal);
        Assert.Contains("0660", apply.Error, StringComparison.Ordinal);
        Assert.Contains("0400", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task ApplyOfASavedPlan_AfterTheValuesChanged_IsRefused()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("plan", "--out", "first.plan");
        sandbox.WriteValues("v2");

        var apply = await sandbox.RunAsync("apply", "first.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("manifest: was  file/", apply.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "releases")));
    }

    [Fact]
    public async Task ApplyOfASavedPlan_MadeForAnotherRoot_AppliesToThatRootWithoutRepeatingTheOption()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var other = Path.Combine(sandbox.Directory, "other-root");

        var plan = await sandbox.RunAsync("plan", "--root", other, "--out", "other.plan");
        var apply = await sandbox.RunAsync("apply", "other.plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(File.Exists(Path.Combine(other, "current", "secret_key")));
        Assert.False(Directory.Exists(sandbox.Root));
    }

    [Fact]
    public async Task ApplyOfAFileThatIsNotAPlan_SaysSo()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.WriteAllText(Path.Combine(sandbox.Directory, "nonsense.plan"), "{\"hello\": 1}");

        var apply = await sandbox.RunAsync("apply", "nonsense.plan");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("is not a horadus plan file", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanJson_ValidatesAgainstThePublishedSchema()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var plan = await sandbox.RunAsync("plan", "--json");
        await sandbox.RunAsync("apply", "--auto-approve");
        var status = await sandbox.RunAsync("status", "--json");

        PublishedSchema.AssertValid("horadus.plan.schema.json", plan.Output);
        PublishedSchema.AssertValid("horadus.status.schema.json", status.Output);
        var node = JsonNode.Parse(plan.Output)!;
        Assert.Equal("horadus.plan", (string?)node["format"]);
        Assert.Equal(3, node["changes"]!.AsArray().Count);
        Assert.Equal("create-release", (string?)node["changes"]![0]!["operation"]!["op"]);
    }
}
