using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>The operator's main loop on a real directory tree: plan, apply, plan again.</summary>
public sealed class ConvergeTests
{
    [Fact]
    public async Task PlanThenApply_OnAFreshHost_CreatesTheReleaseAndTheSecondPlanIsEmpty()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var before = await sandbox.RunAsync("plan", "--detailed-exitcode");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        var after = await sandbox.RunAsync("plan", "--detailed-exitcode");

        Assert.Equal(2, before.ExitCode);
        Assert.Contains("+ release/20260215T090000Z", before.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy, 1 to check.", before.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        // The plan's count is the apply's count (the root is made by the lock, not counted as a change).
        Assert.Contains("Apply complete! 2 added,", apply.Output, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("No changes.", after.Output, StringComparison.Ordinal);

        var release = Path.Combine(sandbox.Root, "releases", "20260215T090000Z");
        // Relative, as the runbook's `ln -sfn releases/<stamp> current`: a container that mounts the root resolves it too.
        Assert.Equal("releases/20260215T090000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget);
        Assert.Equal(Sandbox.RunbookFiles.Order(StringComparer.Ordinal), Directory.GetFiles(release).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("750", Owner.ModeOf(Path.Combine(sandbox.Root, "releases")));
        Assert.Equal("750", Owner.ModeOf(release));
        Assert.All(Directory.GetFiles(release), f => Assert.Equal("640", Owner.ModeOf(f)));
        Assert.Equal(File.ReadAllText(Path.Combine(sandbox.Values, "openai_api_key")), File.ReadAllText(Path.Combine(release, "openai_api_key")));
    }

    [Fact]
    public async Task Output_NeverShowsASecretValue()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var results = new[]
        {
            await sandbox.RunAsync("plan"),
            await sandbox.RunAsync("plan", "--json"),
            await sandbox.RunAsync("apply", "--auto-approve"),
            await sandbox.RunAsync("status"),
            await sandbox.RunAsync("status", "--json"),
            await sandbox.RunAsync("history", "--json"),
        };

        Assert.All(results, r => Assert.DoesNotContain("SECRET-", r.All, StringComparison.Ordinal));
        var history = File.ReadAllText(Path.Combine(sandbox.Root, ".horadus", "history.jsonl"));
        Assert.DoesNotContain("SECRET-", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WhenAFileModeWasChangedByHand_ShowsExactlyThatDrift_AndApplyRepairsIt()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var file = Path.Combine(sandbox.Root, "releases", "20260215T090000Z", "api_keys");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var plan = await sandbox.RunAsync("plan", "--detailed-exitcode");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        var again = await sandbox.RunAsync("plan", "--detailed-exitcode");

        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("~ release/20260215T090000Z/file/api_keys", plan.Output, StringComparison.Ordinal);
        Assert.Contains("mode 0644 should be 0640", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("640", Owner.ModeOf(file));
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task Plan_WhenAnOwnerWasChangedByHand_ShowsThatDrift_AndApplyRepairsIt()
    {
        Assert.SkipUnless(Owner.IsRoot, "changing an owner by hand needs root (CI runs as root)");
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        var file = Path.Combine(sandbox.Root, "releases", "20260215T090000Z", "secret_key");
        var expected = Owner.Of(file);
        Owner.Run("chown", "4242:4343", file);

        var plan = await sandbox.RunAsync("plan");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Contains("~ release/20260215T090000Z/file/secret_key", plan.Output, StringComparison.Ordinal);
        Assert.Contains($"owner 4242:4343 should be {expected}", plan.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(expected, Owner.Of(file));
    }

    [Fact]
    public async Task Apply_WithConfiguredOwnership_CreatesEveryFileWithThatOwner()
    {
        Assert.SkipUnless(Owner.IsRoot, "giving files to another user needs root (CI runs as root)");
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(extra: "ownership:\n  uid: 10001\n  gid: 10002\n");

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        var release = Path.Combine(sandbox.Root, "releases", "20260215T090000Z");
        Assert.Equal("10001:10002", Owner.Of(release));
        Assert.All(Directory.GetFiles(release), f => Assert.Equal("10001:10002", Owner.Of(f)));
        // releases/ stays the operator's, as the runbook's sudo install -d leaves it: only each release is the app user's.
        Assert.Equal(Owner.Run("id", "-u").Trim() + ":" + Owner.Run("id", "-g").Trim(), Owner.Of(Path.Combine(sandbox.Root, "releases")));
    }

    [Fact]
    public async Task Rotation_CreatesANewRelease_MovesCurrent_KeepsOnePrevious_AndPrunesTheRest()
    {
        using var sandbox = new Sandbox();
        string[] stamps = ["20260101T000000Z", "20260201T000000Z", "20260301T000000Z"];
        foreach (var (stamp, i) in stamps.Select((s, i) => (s, i)))
        {
            sandbox.WriteValues($"v{i}");
            sandbox.WriteManifest(stamp, keepPrevious: 1, stabilityWindow: "0s");
            var apply = await sandbox.RunAsync("apply", "--auto-approve");
            Assert.True(apply.ExitCode == 0, apply.ToString());
            sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var settle = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(0, settle.ExitCode);
        Assert.Equal(["20260201T000000Z", "20260301T000000Z"], Directory.GetDirectories(Path.Combine(sandbox.Root, "releases")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.EndsWith("20260301T000000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
        Assert.Contains("SECRET-v2", File.ReadAllText(Path.Combine(sandbox.Root, "current", "secret_key")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_PrunesSupersededReleasesOnlyAfterTheStabilityWindow()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest("20260101T000000Z", keepPrevious: 0, stabilityWindow: "1h");
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.Time.Advance(TimeSpan.FromHours(2));
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260201T000000Z", keepPrevious: 0, stabilityWindow: "1h");
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.Time.Advance(TimeSpan.FromMinutes(30));

        var inside = await sandbox.RunAsync("plan", "--detailed-exitcode");
        sandbox.Time.Advance(TimeSpan.FromMinutes(31));
        var after = await sandbox.RunAsync("plan", "--detailed-exitcode");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(0, inside.ExitCode);
        Assert.Contains("will be pruned after the stability window", inside.Output, StringComparison.Ordinal);
        Assert.Equal(2, after.ExitCode);
        Assert.Contains("- release/20260101T000000Z", after.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(["20260201T000000Z"], Directory.GetDirectories(Path.Combine(sandbox.Root, "releases")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Apply_OfAChangedValueUnderTheSameStamp_IsAConflict_AndChangesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("exists on the host with different content", apply.All, StringComparison.Ordinal);
        Assert.Contains("give the new values a new release stamp", apply.All, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Rollback_PointsCurrentBackAtThePreviousRelease_AndTheFailedOneIsNotReappliedByItself()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest("20260101T000000Z", keepPrevious: 2);
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteValues("v2");
        sandbox.WriteManifest("20260201T000000Z", keepPrevious: 2);
        await sandbox.RunAsync("apply", "--auto-approve");

        var rollback = await sandbox.RunAsync("rollback", "--auto-approve");
        var plan = await sandbox.RunAsync("plan", "--detailed-exitcode");
        var retry = await sandbox.RunAsync("plan", "--retry-failed", "--detailed-exitcode");
        var history = await sandbox.RunAsync("history");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.EndsWith("20260101T000000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("release 20260201T000000Z failed before", plan.Output, StringComparison.Ordinal);
        Assert.Equal(2, retry.ExitCode);
        Assert.Contains("rollback", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_ToANamedRelease_MovesCurrentThere()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest("20260101T000000Z", keepPrevious: 3);
        await sandbox.RunAsync("apply", "--auto-approve");
        sandbox.WriteManifest("20260201T000000Z", keepPrevious: 3);
        sandbox.WriteValues("v2");
        await sandbox.RunAsync("apply", "--auto-approve");

        var missing = await sandbox.RunAsync("rollback", "--auto-approve", "--to", "20250101T000000Z");
        var rollback = await sandbox.RunAsync("rollback", "--auto-approve", "--to", "20260101T000000Z");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("release 20250101T000000Z is not on the host", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, rollback.ExitCode);
        Assert.EndsWith("20260101T000000Z", new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget, StringComparison.Ordinal);
    }
}
