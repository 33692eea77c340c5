using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Core.Planning;

namespace Horadus.Core.Tests.Planning;

public sealed class RetentionTests
{
    [Fact]
    public void Retention_KeepsTheConfiguredNumberOfPreviousGoodReleases_AndPrunesTheRestAfterTheWindow()
    {
        using var desired = Given.Desired(Given.New, new RetentionPolicy(1, TimeSpan.FromHours(24)));
        var observed = Given.Converged(desired, Given.Oldest, Given.Older, Given.Old);
        var ledger = new ReleaseLedger([
            Given.Succeeded(Given.Oldest, Given.Now.AddDays(-40)),
            Given.Succeeded(Given.Older, Given.Now.AddDays(-30)),
            Given.Succeeded(Given.Old, Given.Now.AddDays(-20)),
            Given.Succeeded(Given.New, Given.Now.AddDays(-2)),
        ]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);

        Assert.Equal([new DeleteRelease(Given.Oldest), new DeleteRelease(Given.Older)], plan.Changes.Select(c => c.Operation));
        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Delete, c.Action));
    }

    [Fact]
    public void Retention_InsideTheStabilityWindow_PrunesNothingAndSaysWhen()
    {
        using var desired = Given.Desired(Given.New, new RetentionPolicy(0, TimeSpan.FromHours(24)));
        var observed = Given.Converged(desired, Given.Old);
        var ledger = new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-20)), Given.Succeeded(Given.New, Given.Now.AddHours(-1))]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);

        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Diagnostics, d => d.Summary.Contains("after the stability window, from 2026-03-02 11:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public void Retention_NeverPrunesTheLastGoodRelease_WhileTheNewOneIsUnproven()
    {
        using var old = Given.Desired(Given.Old);
        using var desired = Given.Desired(Given.New, new RetentionPolicy(0, TimeSpan.Zero), files: [("database_url", "postgresql://db/rotated"), ("api_keys", "k9")]);
        var observed = Given.Converged(old, Given.Older);
        var ledger = new ReleaseLedger([Given.Succeeded(Given.Older, Given.Now.AddDays(-30)), Given.Succeeded(Given.Old, Given.Now.AddDays(-20))]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);

        var deletes = plan.Changes.Where(c => c.Operation is DeleteRelease).Select(c => ((DeleteRelease)c.Operation).Stamp).ToList();
        Assert.Equal([Given.Older], deletes);
    }

    [Fact]
    public void Retention_DoesNotCountFailedReleasesAsGood()
    {
        using var desired = Given.Desired(Given.New, new RetentionPolicy(1, TimeSpan.Zero));
        var observed = Given.Converged(desired, Given.Older, Given.Old);
        var ledger = new ReleaseLedger([
            Given.Succeeded(Given.Older, Given.Now.AddDays(-30)),
            Given.RolledBack(Given.Old, Given.Now.AddDays(-20)),
            Given.Succeeded(Given.New, Given.Now.AddDays(-2)),
        ]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);

        var delete = Assert.Single(plan.Changes);
        Assert.Equal(new DeleteRelease(Given.Old), delete.Operation);
        Assert.Equal("failed releases are not kept", delete.Reason);
    }

    [Fact]
    public void Retention_LeavesReleasesItDidNotCreateAlone()
    {
        using var desired = Given.Desired(Given.New, new RetentionPolicy(0, TimeSpan.Zero));
        var observed = Given.Converged(desired, Given.Old);
        var ledger = new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-2))]);

        var plan = Planner.Plan(desired, observed, [], ledger, Given.Now);

        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Diagnostics, d => d.Summary.Contains("not created by Horadus", StringComparison.Ordinal));
    }

    [Fact]
    public void Ledger_RepairOfTheLiveRelease_DoesNotRestartItsStabilityWindow()
    {
        var wentLive = Given.Now.AddDays(-2);
        var ledger = new ReleaseLedger([Given.Succeeded(Given.New, wentLive), Given.Succeeded(Given.New, Given.Now.AddHours(-1))]);

        Assert.Equal(wentLive, ledger.Standing(Given.New)!.LiveSince);
    }

    [Fact]
    public void Ledger_AnApplyThatErrored_DoesNotMarkTheReleaseFailed_ButARollbackDoes()
    {
        var errored = new ApplyRecord("e", ApplyKind.Apply, Given.New, Given.Old, null, Given.Now, Given.Now, ApplyOutcome.Errored, 2, "disk full");

        var afterError = new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-1)), errored]);
        var afterRollback = new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-1)), Given.RolledBack(Given.New, Given.Now)]);

        Assert.False(afterError.IsFailed(Given.New));
        Assert.True(afterError.IsKnown(Given.New));
        Assert.True(afterRollback.IsFailed(Given.New));
        Assert.True(afterRollback.IsGood(Given.Old));
    }
}
