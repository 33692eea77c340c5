using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Planning;

/// <summary>Services that reload in place: when they are told, how their wiring is checked, and the relative current they need.</summary>
public sealed class ReloadPlannerTests
{
    private const string MountPath = "/run/horadus";

    [Fact]
    public void Plan_WhenCurrentMoves_ReloadsTheContainersInPlace_AndRecreatesNone()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api"))], Given.New, switching: true, proven: false, bootstrap: false);

        var change = Assert.Single(plan.Rollout);
        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal($"current moves to {Given.New}; SIGHUP tells it, no container is recreated", change.Reason);
        Assert.Equal($"1 container(s) reloaded on release {Given.New}", change.After);
        var reload = Assert.IsType<ReloadService>(change.Operation);
        Assert.Equal(["api-1"], reload.ContainerIds);
        Assert.Equal("SIGHUP", reload.Signal);
    }

    [Fact]
    public void Plan_WithoutASignal_StillGatesTheReload()
    {
        using var desired = Given.Desired(services: [Reloading("worker", signal: null)]);

        var plan = ServicePlanner.Plan(desired, [Observed("worker", Container(desired, "worker"))], Given.New, switching: true, proven: false, bootstrap: false);

        var change = Assert.Single(plan.Rollout);
        Assert.Null(Assert.IsType<ReloadService>(change.Operation).Signal);
        Assert.Contains("it notices by itself (reload: none)", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenTheLiveReleaseIsProvenAndTheLastRunEnded_HasNothingToDo_ButWarnsWhatTheRootMountShows()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api"))], Given.New, switching: false, proven: true, bootstrap: false);

        Assert.Empty(plan.Rollout);
        var warning = Assert.Single(plan.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.StartsWith($"service 'api' reloads: it mounts the whole secrets root at {MountPath}, so its containers can read every kept release", warning.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, "gates never passed")]
    [InlineData(true, false, "the last run did not end")]
    public void Plan_WhenTheReleaseIsUnproven_OrTheLastRunDidNotEnd_ReloadsAgain(bool proven, bool settled, string why)
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api"))], Given.New, switching: false, proven, bootstrap: false,
            unsettledSince: settled ? null : Given.Now.AddMinutes(1));

        var change = Assert.Single(plan.Rollout);
        Assert.IsType<ReloadService>(change.Operation);
        Assert.Contains(why, change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenAContainerStartedSinceTheLastRunThatDidNotEnd_RestartsIt_ForItMayHoldAnyRelease()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api"))], Given.New, switching: true, proven: true, bootstrap: false,
            rollback: true, unsettledSince: Given.Now.AddSeconds(-5));

        var change = Assert.Single(plan.Rollout);
        var restart = Assert.IsType<ReloadService>(change.Operation);
        Assert.True(restart.Restart);
        Assert.Equal($"1 container(s) restarted on release {Given.New}", change.After);
        Assert.StartsWith("started or stopped since the last run began", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenAContainerWasKilledByTheSignalDuringTheLastRun_StartsItAgain_ButNeverOneStoppedBefore()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        var killed = Container(desired, "api") with { State = ContainerState.Exited, ExitCode = 129, FinishedAt = Given.Now.AddSeconds(2) };
        var stoppedBefore = killed with { FinishedAt = Given.Now.AddSeconds(-10) };

        var restarted = ServicePlanner.Plan(desired, [Observed("api", killed)], Given.New, switching: true, proven: true, bootstrap: false,
            rollback: true, unsettledSince: Given.Now);
        var left = ServicePlanner.Plan(desired, [Observed("api", stoppedBefore)], Given.New, switching: true, proven: true, bootstrap: false,
            rollback: true, unsettledSince: Given.Now);

        Assert.True(Assert.IsType<ReloadService>(Assert.Single(restarted.Rollout).Operation).Restart);
        Assert.Empty(left.Rollout);
        Assert.Contains(left.Diagnostics, d => d.Summary.Contains("Horadus does not recreate a container that is not running", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_WhenAContainerStillMountsCurrent_RecreatesItWithTheRootMounted()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        var pinned = Container(desired, "api") with
        {
            Mounts = [new ContainerMount($"{Given.Root}/current", MountPath, true, $"{Given.Root}/releases/{Given.New}")],
        };

        var plan = ServicePlanner.Plan(desired, [Observed("api", pinned)], Given.New, switching: false, proven: true, bootstrap: false);

        var change = Assert.Single(plan.Rollout);
        Assert.IsType<RecreateService>(change.Operation);
        Assert.Contains($"reload needs the secrets root mounted at {MountPath}, not {Given.Root}/releases/{Given.New}", change.Reason, StringComparison.Ordinal);
        var replacement = SecretsLayout.Replacement(desired, desired.Services[0]);
        Assert.Equal((Given.Root, MountPath), (replacement.MountSource, replacement.MountPath));
        Assert.Equal($"{MountPath}/current/database_url", replacement.FileVariables["DATABASE_URL_FILE"]);
    }

    [Fact]
    public void Plan_OfAContainerThatMountsTheRootThroughALinkedParent_SeesTheRoot_AndRecreatesNothing()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        var linked = Container(desired, "api") with { Mounts = [new ContainerMount(Given.Root, MountPath, true, "/data" + Given.Root)] };

        var plan = ServicePlanner.Plan(desired, [Observed("api", linked)], Given.New, switching: false, proven: true, bootstrap: false);

        Assert.Empty(plan.Rollout);
    }

    [Fact]
    public void Plan_WhenTheVariablesDoNotGoThroughCurrent_RecreatesWithTheWiringThatDoes()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        var direct = Container(desired, "api") with { FileVariables = desired.Files.ToDictionary(f => f.Variable, f => $"{MountPath}/{f.Name}") };

        var plan = ServicePlanner.Plan(desired, [Observed("api", direct)], Given.New, switching: true, proven: false, bootstrap: false);

        var change = Assert.Single(plan.Rollout);
        Assert.IsType<RecreateService>(change.Operation);
        Assert.Contains($"wiring differs: DATABASE_URL_FILE should be {MountPath}/current/database_url", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OfAHostWithAnAbsoluteCurrent_MakesItRelative_OnlyWhenAServiceReloads()
    {
        using var reloading = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        using var recreating = Given.Desired();
        var absolute = new CurrentLink(EntryType.Symlink, $"{Given.Root}/releases/{Given.New}", Given.New);
        var observed = Given.Converged(reloading) with { Current = absolute };
        var ledger = new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-1))]);

        var relinked = Planner.Plan(reloading, observed, [Observed("api", Container(reloading, "api"))], ledger, Given.Now);
        var untouched = Planner.Plan(recreating, observed, [], ledger, Given.Now);

        // The app could resolve nothing through the absolute link: once it is relative, it is told to read again.
        Assert.Equal(2, relinked.Changes.Count);
        var change = relinked.Changes[0];
        Assert.Equal(new SwitchCurrent(Given.New, Given.New), change.Operation);
        Assert.Equal(($"{Given.Root}/releases/{Given.New}", $"releases/{Given.New}"), (change.Before, change.After));
        Assert.IsType<ReloadService>(relinked.Changes[1].Operation);
        Assert.Empty(untouched.Changes);
    }

    [Theory]
    [InlineData(0, 0, 0b111_101_000, "0750 0:0", "0710 0:10001")]
    [InlineData(0, 4, 0b111_000_000, "0700 0:4", "0710 0:10001")]
    [InlineData(0, 10001, 0b111_100_000, "0740 0:10001", "0750 0:10001")]
    public void Plan_WhenTheAppCannotPassThroughTheRoot_GivesItsGroupSearch_AndNothingWhenItCan(int uid, int gid, int mode, string before, string after)
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);
        var ledger = new ReleaseLedger([Given.Succeeded(Given.New, Given.Now.AddDays(-1))]);
        var closed = Given.Converged(desired) with { RootDirectory = new EntryAttributes(uid, gid, new PermissionMode(mode)) };

        var plan = Planner.Plan(desired, closed, [Observed("api", Container(desired, "api"))], ledger, Given.Now);
        var open = Planner.Plan(desired, Given.Converged(desired) with { RootDirectory = new EntryAttributes(0, Given.Owner.Gid, new PermissionMode(0b111_001_000)) },
            [Observed("api", Container(desired, "api"))], ledger, Given.Now);

        var change = Assert.Single(plan.Changes);
        Assert.Equal((Addresses.Root, before, after), (change.Address, change.Before, change.After));
        Assert.Equal(new SetAttributes(".", uid, Given.Owner.Gid, PermissionMode.Parse(after[..4])), change.Operation);
        Assert.Empty(open.Changes);
    }

    [Fact]
    public void Plan_OfAFirstApplyWithAServiceThatReloads_GivesTheRootTheAppsGroupOnceTheApplyMadeIt()
    {
        using var desired = Given.Desired(services: [Reloading("api", "SIGHUP")]);

        var plan = Planner.Plan(desired, ObservedSnapshot.Empty(Given.Root), [], ReleaseLedger.Empty, Given.Now, new PlanOptions(Bootstrap: true));

        var change = Assert.Single(plan.Changes, c => c.Address == Addresses.Root);
        Assert.Equal(new SetAttributes(".", -1, Given.Owner.Gid, new PermissionMode(0b111_001_000)), change.Operation);
        Assert.Equal("created by this apply", change.Before);
    }

    /// <summary>Which runs leave the host unsettled, as the journal tells: only those that did not end where they meant to.</summary>
    [Fact]
    public void Ledger_IsUnsettledAfterARunThatNeverEnded_OrEndedWithItsRollbackIncomplete_AndOnlyThen()
    {
        var start = Given.Now;
        var run = new ApplyRecord("r1", ApplyKind.Apply, Given.New, Given.Old, null, start, null, ApplyOutcome.Interrupted, 3, null);
        var finished = start.AddSeconds(2);

        Unsettled(start, "killed: no end recorded", run);
        Unsettled(start, "a failed verdict, the rollback never ended", run, run with { Outcome = ApplyOutcome.Failed });
        Unsettled(start, "rollback incomplete", run, run with { FinishedAt = finished, Outcome = ApplyOutcome.RolledBack, Incomplete = true });
        Unsettled(null, "proven", run, run with { FinishedAt = finished, Outcome = ApplyOutcome.Succeeded });
        Unsettled(null, "rolled back, completely", run, run with { FinishedAt = finished, Outcome = ApplyOutcome.RolledBack });
        Unsettled(null, "a pre-flight refused it before anything was touched", run, run with { FinishedAt = finished, Outcome = ApplyOutcome.Failed });
    }

    private static void Unsettled(DateTimeOffset? expected, string because, params ApplyRecord[] records)
    {
        var actual = new ReleaseLedger(records).UnsettledSince;
        Assert.True(actual == expected, $"{because}: expected {expected?.ToString("O") ?? "settled"}, got {actual?.ToString("O") ?? "settled"}");
    }

    private static ServiceSpec Reloading(string name, string? signal) => Given.Service(name, MountPath) with { Reload = new ReloadStrategy(signal) };

    private static ObservedService Observed(string name, params ObservedContainer[] containers) => Given.Observed(name, containers);

    /// <summary>A running container wired for reloads: the root mounted read-only, each variable through current.</summary>
    private static ObservedContainer Container(DesiredState desired, string service) => Given.Container(
        service,
        new ContainerMount(Given.Root, MountPath, true, Given.Root),
        desired.Files.ToDictionary(f => f.Variable, f => $"{MountPath}/current/{f.Name}"));
}
