using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;

namespace Horadus.Core.Tests.Planning;

public sealed class PlannerTests
{
    [Fact]
    public void Plan_OnAnEmptyHost_CreatesRootReleaseAndCurrentInThatOrder()
    {
        using var desired = Given.Desired();

        var plan = Planner.Plan(desired, ObservedSnapshot.Empty(Given.Root), [], ReleaseLedger.Empty, Given.Now);

        // The root itself is created by the apply's lock, not planned: the plan and the apply count the same changes.
        Assert.Equal(["release/20260215T090000Z", "current", "release/20260215T090000Z"], plan.Changes.Select(c => c.Address));
        Assert.Equal([ChangeAction.Create, ChangeAction.Create, ChangeAction.Check], plan.Changes.Select(c => c.Action));
        var release = Assert.IsType<CreateRelease>(plan.Changes[0].Operation);
        Assert.Equal(["database_url", "api_keys"], release.Files);
        Assert.Equal(2, plan.Changes[0].Details!.Count);
        Assert.IsType<ConfirmRelease>(plan.Changes[2].Operation);
        Assert.Contains(plan.Diagnostics, d => d.Address == "root" && d.Summary.Contains("does not exist yet", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_WhenHostMatches_IsEmpty()
    {
        using var desired = Given.Desired();

        var plan = Planner.Plan(desired, Given.Converged(desired), [], new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-2))]), Given.Now);

        Assert.True(plan.IsEmpty);
        Assert.False(plan.HasErrors);
    }

    [Fact]
    public void Plan_WhenFileModeDrifted_ProposesChmodOfThatFileOnly()
    {
        using var desired = Given.Desired();
        var observed = Given.Converged(desired);
        var release = observed.Releases[0];
        var drifted = release with
        {
            Files = release.Files.Select(f => f.Name == "api_keys" ? f with { Attributes = f.Attributes with { Mode = new PermissionMode(0b110_100_100) } } : f).ToList(),
        };
        observed = observed with { Releases = [drifted] };

        var plan = Planner.Plan(desired, observed, [], new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-1))]), Given.Now);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal("release/20260215T090000Z/file/api_keys", change.Address);
        Assert.Equal("0644 10001:10001", change.Before);
        Assert.Equal("0640 10001:10001", change.After);
        Assert.Equal("mode 0644 should be 0640", change.Reason);
        Assert.Equal(new SetAttributes("releases/20260215T090000Z/api_keys", 10001, 10001, new PermissionMode(0b110_100_000)), change.Operation);
    }

    [Fact]
    public void Plan_WhenOwnerDrifted_ProposesChownWithReason()
    {
        using var desired = Given.Desired();
        var observed = Given.Converged(desired);
        observed = observed with { Releases = [observed.Releases[0] with { Attributes = new EntryAttributes(0, 0, desired.Modes.ReleaseDirectory) }] };

        var plan = Planner.Plan(desired, observed, [], new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-1))]), Given.Now);

        var change = Assert.Single(plan.Changes);
        Assert.Equal("release/20260215T090000Z", change.Address);
        Assert.Equal("owner 0:0 should be 10001:10001", change.Reason);
    }

    [Fact]
    public void Plan_WhenStampExistsWithOtherContent_IsAConflictAndChangesNothing()
    {
        using var desired = Given.Desired();
        using var other = Given.Desired(files: [("database_url", "postgresql://other/db"), ("api_keys", "k1,k2")]);

        var plan = Planner.Plan(desired, Given.Converged(other), [], ReleaseLedger.Empty, Given.Now);

        Assert.True(plan.HasErrors);
        Assert.Empty(plan.Changes);
        var error = Assert.Single(plan.Diagnostics, d => d.IsError);
        Assert.Contains("different content in 'database_url'", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("postgresql", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenNewStamp_CreatesReleaseAndSwitchesCurrentFromTheOldOne()
    {
        using var old = Given.Desired(Given.Old);
        using var desired = Given.Desired(Given.New, files: [("database_url", "postgresql://db/rotated"), ("api_keys", "k3")]);

        var plan = Planner.Plan(desired, Given.Converged(old), [], new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-10))]), Given.Now);

        Assert.Equal(["release/20260215T090000Z", "current", "release/20260215T090000Z"], plan.Changes.Select(c => c.Address));
        Assert.IsType<ConfirmRelease>(plan.Changes[2].Operation);
        var switchChange = plan.Changes[1];
        Assert.Equal(ChangeAction.Update, switchChange.Action);
        Assert.Equal("releases/20260101T000000Z", switchChange.Before);
        Assert.Equal("releases/20260215T090000Z", switchChange.After);
    }

    [Fact]
    public void Plan_WhenStagingLeftoverExists_DeletesIt()
    {
        using var desired = Given.Desired();
        var observed = Given.Converged(desired) with { StagingLeftovers = [".staging-20260215T090000Z-4242"] };

        var plan = Planner.Plan(desired, observed, [], new ReleaseLedger([Given.Succeeded(Given.New, Given.Now)]), Given.Now);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(new DeleteStaging(".staging-20260215T090000Z-4242"), change.Operation);
    }

    [Fact]
    public void Plan_WhenHostHasProblems_PassesThemOnAndChangesNothing()
    {
        using var desired = Given.Desired();
        var observed = ObservedSnapshot.Empty(Given.Root) with { RootExists = true, Problems = [Diagnostic.Error("the secrets root is a symlink", address: "root")] };

        var plan = Planner.Plan(desired, observed, [], ReleaseLedger.Empty, Given.Now);

        Assert.True(plan.HasErrors);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_WhenCurrentIsADirectory_RefusesToTouchIt()
    {
        using var desired = Given.Desired();
        var observed = Given.Converged(desired) with { Current = new CurrentLink(EntryType.Directory, null, null) };

        var plan = Planner.Plan(desired, observed, [], ReleaseLedger.Empty, Given.Now);

        Assert.True(plan.HasErrors);
        Assert.Empty(plan.Changes);
        Assert.Contains("not a symlink", plan.Diagnostics.Single(d => d.IsError).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenDesiredReleaseFailedBefore_DoesNotRetryItByItself()
    {
        using var old = Given.Desired(Given.Old);
        using var desired = Given.Desired(Given.New);
        var observed = Given.Converged(old) with { Releases = [Given.ReleaseOf(old, Given.Old), Given.ReleaseOf(desired, Given.New)] };
        var ledger = new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-3)), Given.RolledBack(Given.New, Given.Now.AddHours(-1))]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);
        var retried = Planner.Plan(desired, observed, [], ledger, Given.Now, new PlanOptions(RetryFailed: true));

        Assert.DoesNotContain(plan.Changes, c => c.Operation is SwitchCurrent);
        Assert.Contains(plan.Diagnostics, d => d.Severity == Severity.Warning && d.Summary.Contains("failed before", StringComparison.Ordinal));
        Assert.Contains(retried.Changes, c => c.Operation is SwitchCurrent);
    }

    [Fact]
    public void Plan_IsAPureFunctionOfItsInputs()
    {
        using var desired = Given.Desired();
        var observed = ObservedSnapshot.Empty(Given.Root);

        var first = Planner.Plan(desired, observed, [], ReleaseLedger.Empty, Given.Now);
        var second = Planner.Plan(desired, observed, [], ReleaseLedger.Empty, Given.Now);

        Assert.Equal(first.Changes.Select(c => (c.Action, c.Address, c.Before, c.After, c.Reason)), second.Changes.Select(c => (c.Action, c.Address, c.Before, c.After, c.Reason)));
    }

    [Fact]
    public void Plan_NeverContainsSecretValues()
    {
        using var desired = Given.Desired(files: [("openai_api_key", "sk-live-VERYSECRET")]);

        var plan = Planner.Plan(desired, ObservedSnapshot.Empty(Given.Root), [], ReleaseLedger.Empty, Given.Now);

        var everything = string.Join("\n", plan.Changes.SelectMany(c => (c.Details ?? []).Append(c)).Select(c => $"{c.Address} {c.Before} {c.After} {c.Reason}")) +
                         string.Join("\n", plan.DesiredFacts) + string.Join("\n", plan.ObservedFacts);
        Assert.DoesNotContain("VERYSECRET", everything, StringComparison.Ordinal);
        Assert.Contains(desired.Files[0].Value.Digest.Short, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_KeepsTheReleasesDirectoryWithTheOperator_NotTheAppUser()
    {
        using var desired = Given.Desired() with { Operator = new Ownership(0, 0) };

        var plan = Planner.Plan(desired, Given.Converged(desired), [], new ReleaseLedger([Given.Succeeded(Given.New, Given.Now)]), Given.Now);

        var change = Assert.Single(plan.Changes);
        Assert.Equal("releases", change.Address);
        Assert.Equal("owner 10001:10001 should be 0:0", change.Reason);
        Assert.Equal(new SetAttributes("releases", 0, 0, desired.Modes.ReleasesDirectory), change.Operation);
    }
}
