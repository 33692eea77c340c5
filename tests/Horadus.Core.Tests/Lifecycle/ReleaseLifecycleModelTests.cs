using CsCheck;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Lifecycle;

/// <summary>
/// The release lifecycle as a model: random sequences of what happens to a host (rotations to good and bad releases,
/// kills at any fault point, hand-made `ln -sfn` and chmod, retries, rollbacks, time passing) against the real planner,
/// executor and ledger, with the invariants checked after every step.
/// </summary>
public sealed class ReleaseLifecycleModelTests
{
    private enum Kind
    {
        RotateGood,
        RotateBad,
        Reapply,
        HandSwitch,
        RotateEngineGoesAway,
        Chmod,
        RetryFailed,
        Rollback,
        TimePasses,
    }

    private sealed record Step(Kind Kind, int Pick, int Kill)
    {
        public override string ToString() => Kill < 0 ? $"{Kind}({Pick})" : $"{Kind}({Pick}) killed at {KillPoints[Kill]}";
    }

    /// <summary>Every fault point of an apply and of a rollback, the service ones for each service.</summary>
    private static readonly IReadOnlyList<string> KillPoints =
    [
        .. FaultPoint.RotationPoints, .. FaultPoint.RollbackPoints, FaultPoint.ReleasePruned,
        FaultPoint.For(FaultPoint.ServiceGated, "api"), FaultPoint.For(FaultPoint.ServiceGated, "worker"),
        FaultPoint.For(FaultPoint.ContainerRestored, "api"), FaultPoint.For(FaultPoint.ContainerRestored, "worker"),
        FaultPoint.For(FaultPoint.ServiceReloaded, "api"), FaultPoint.For(FaultPoint.ServiceReloaded, "worker"),
    ];

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Enum<Kind>(),
        Gen.Int[0, 7],
        Gen.Frequency((2, Gen.Const(-1)), (3, Gen.Int[0, KillPoints.Count - 1])),
        (kind, pick, kill) => new Step(kind, pick, kill));

    [Fact]
    public void RandomHistories_NeverBreakTheLifecycleInvariants() => Sample(reload: null);

    /// <summary>
    /// The same with services that reload (SIGHUP) instead of being recreated: what an app holds cannot be observed, so the
    /// invariant that every container runs the live release after a settled run checks what it was last told.
    /// </summary>
    [Fact]
    public void RandomHistories_WithServicesThatReload_NeverBreakTheLifecycleInvariants() => Sample(new ReloadStrategy("SIGHUP"));

    private static void Sample(ReloadStrategy? reload)
    {
        Steps.Array[1, 14].Sample(
            steps =>
            {
                var violations = RunAsync(steps, reload).GetAwaiter().GetResult();
                Assert.True(violations.Count == 0, string.Join("\n", violations));
            },
            // 1,000 histories per CI run; HORADUS_MODEL_ITERATIONS runs more by hand.
            iter: long.TryParse(Environment.GetEnvironmentVariable("HORADUS_MODEL_ITERATIONS"), out var iterations) ? iterations : 1000,
            threads: 1,
            print: steps => string.Join(", ", steps.Select(s => s.ToString())));
    }

    [Fact]
    public async Task ABadReleaseRolledBack_ThenAnyRepair_NeverBringsItBack()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();
        var good = world.Desired;
        world.Rotate(bad: true);
        var bad = world.Desired;

        var failed = await world.ApplyAsync(PlanOptions.Default);
        world.Host.Chmod(good, new Horadus.Core.Desired.PermissionMode(0b110_100_100));
        var repair = await world.ApplyAsync(PlanOptions.Default);
        var plan = await world.PlanAsync();

        Assert.Equal(ApplyStatus.RolledBack, failed.Result!.Status);
        Assert.Equal(ApplyStatus.Applied, repair.Result!.Status);
        Assert.Equal(good, repair.Result.Live);
        Assert.Equal(good, world.Host.Current);
        Assert.True(world.Ledger.IsFailed(bad));
        Assert.Equal(good, world.Ledger.LastGood);
        Assert.Empty(plan.Changes);
        Assert.Empty(world.Violations);
    }

    [Fact]
    public async Task AKillDuringTheRollback_KeepsTheVerdict_AndTheNextApplyFinishesTheRollback()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();
        var good = world.Desired;
        world.Rotate(bad: true);
        var bad = world.Desired;

        var killed = await world.ApplyAsync(PlanOptions.Default, FaultPoint.RollbackSwitched);
        var next = await world.ApplyAsync(PlanOptions.Default);

        Assert.True(killed.Killed);
        Assert.True(world.Ledger.IsFailed(bad));
        Assert.Equal(ApplyStatus.Applied, next.Result!.Status);
        Assert.Equal(good, world.Host.Current);
        Assert.All(world.Engine.Containers, c => Assert.Equal((true, false, (Horadus.Core.Desired.ReleaseStamp?)good), (c.Running, c.SetAside, c.Mounted)));
    }

    [Fact]
    public async Task AKillAfterEveryServiceWasRecreated_LeavesTheReleaseUnproven_AndTheNextApplyGatesItAndRecordsIt()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();
        world.Rotate(bad: false);
        var fresh = world.Desired;

        var killed = await world.ApplyAsync(PlanOptions.Default, FaultPoint.For(FaultPoint.ServiceGated, "worker"));
        var plan = await world.PlanAsync();
        var next = await world.ApplyAsync(PlanOptions.Default);

        Assert.True(killed.Killed);
        Assert.Contains(plan.Changes, c => c.Operation is VerifyService);
        Assert.Equal(2, plan.Changes.Count(c => c.Operation is RemoveSetAside));
        Assert.Equal(ApplyStatus.Applied, next.Result!.Status);
        Assert.True(world.Ledger.IsGood(fresh));
        Assert.Empty((await world.PlanAsync()).Changes);
    }

    [Fact]
    public async Task AHandMovedCurrent_WhileTheDesiredReleaseIsFailed_IsMovedBackToTheLastGoodRelease()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();
        var older = world.Desired;
        world.Rotate(bad: false);
        await world.ApplyAsync(PlanOptions.Default);
        var good = world.Desired;
        world.Rotate(bad: true);
        await world.ApplyAsync(PlanOptions.Default);
        world.Host.Current = older;

        var plan = await world.PlanAsync();

        var change = Assert.Single(plan.Changes, c => c.Operation is SwitchCurrent);
        Assert.Equal(good, ((SwitchCurrent)change.Operation).To);
        Assert.Equal(good, plan.Target);
    }

    private static async Task<List<string>> RunAsync(IReadOnlyList<Step> steps, ReloadStrategy? reload)
    {
        var world = new LifecycleWorld(reload);
        await world.StartAsync();
        foreach (var step in steps)
        {
            var liveBefore = world.Host.Current;
            var failedBefore = world.Ledger;
            var (result, killed, byOperator) = await PerformAsync(world, step);
            Check(world, step, liveBefore, failedBefore, byOperator, $"after {step}");
            if (killed || (step.Kind == Kind.RotateEngineGoesAway && result?.Status is not (ApplyStatus.Applied or ApplyStatus.NoChanges)))
            {
                // Whatever instant the kill struck (or wherever the engine refused), the next plain apply finishes the job.
                var recovery = await world.ApplyAsync(PlanOptions.Default);
                await CheckSettledAsync(world, recovery.Result, $"after the apply that followed {step}");
            }
            else if (result is not null && !(step.Kind == Kind.Rollback && result.Status == ApplyStatus.Refused))
            {
                // (A rollback with nothing to go back to is refused and changes nothing: nothing to check.)
                await CheckSettledAsync(world, result, $"after {step}", rollback: step.Kind == Kind.Rollback);
            }

            if (world.Violations.Count > 0)
            {
                break;
            }
        }

        return world.Violations;
    }

    private static async Task<(ApplyResult? Result, bool Killed, bool ByOperator)> PerformAsync(LifecycleWorld world, Step step)
    {
        var kill = step.Kill < 0 ? null : KillPoints[step.Kill];
        switch (step.Kind)
        {
            case Kind.RotateGood or Kind.RotateBad:
                world.Rotate(step.Kind == Kind.RotateBad);
                var rotation = await world.ApplyAsync(PlanOptions.Default, kill);
                return (rotation.Result, rotation.Killed, false);
            case Kind.Reapply:
                var again = await world.ApplyAsync(PlanOptions.Default, kill);
                return (again.Result, again.Killed, false);
            case Kind.RetryFailed:
                var retry = await world.ApplyAsync(new PlanOptions(RetryFailed: true), kill);
                return (retry.Result, retry.Killed, true);
            case Kind.Rollback:
                var rollback = await world.RollbackAsync(kill);
                return (rollback.Result, rollback.Killed, true);
            case Kind.RotateEngineGoesAway:
                // A rotation (bad on odd picks) whose engine goes away after 0 to 3 container changes, its rollback's
                // included, and comes back for the next run.
                world.Rotate(bad: step.Pick % 2 == 1);
                world.Engine.ServesBeforeRefusing = step.Pick / 2;
                try
                {
                    var refused = await world.ApplyAsync(PlanOptions.Default, kill);
                    return (refused.Result, refused.Killed, false);
                }
                finally
                {
                    world.Engine.ServesBeforeRefusing = null;
                }

            case Kind.HandSwitch:
                var releases = world.Host.Releases.ToList();
                world.Host.Current = releases[step.Pick % releases.Count];
                return (null, false, false);
            case Kind.Chmod:
                var all = world.Host.Releases.ToList();
                world.Host.Chmod(all[step.Pick % all.Count], new Horadus.Core.Desired.PermissionMode(0b110_100_100));
                return (null, false, false);
            default:
                world.Time.Advance(TimeSpan.FromMinutes(40 * (step.Pick + 1)));
                return (null, false, false);
        }
    }

    /// <summary>What holds after every step, killed or not.</summary>
    private static void Check(LifecycleWorld world, Step step, Horadus.Core.Desired.ReleaseStamp? liveBefore, History.ReleaseLedger ledgerBefore, bool byOperator, string when)
    {
        if (world.Host.Current is { } live && !world.Host.Releases.Contains(live))
        {
            world.Violations.Add($"{when}: current names {live}, which is not a complete release on the host");
        }

        if (world.Host.Current is { } now && now != liveBefore && ledgerBefore.IsFailed(now) && !byOperator && step.Kind != Kind.HandSwitch)
        {
            world.Violations.Add($"{when}: the failed release {now} was made live without an operator");
        }
    }

    /// <summary>What holds after a run that was not killed: converged, consistent, and a second plan has nothing left to do.</summary>
    /// <param name="rollback">A rollback repairs no attribute drift (it touches only what going back needs): the next apply does.</param>
    private static async Task CheckSettledAsync(LifecycleWorld world, ApplyResult? result, string when, bool rollback = false)
    {
        if (result is null || result.Status is not (ApplyStatus.Applied or ApplyStatus.NoChanges or ApplyStatus.RolledBack))
        {
            world.Violations.Add($"{when}: the run ended {result?.Status}: {result?.Error} {string.Join("; ", result?.Diagnostics.Select(d => d.Summary) ?? [])}");
            return;
        }

        var ledger = world.Ledger;
        var live = world.Host.Current;
        if (live is not null && ledger.IsFailed(live.Value))
        {
            world.Violations.Add($"{when}: the live release {live} is a failed one");
        }

        if (ledger.LastGood != live)
        {
            world.Violations.Add($"{when}: the journal's last good release {ledger.LastGood} is not the live one {live}");
        }

        foreach (var container in world.Engine.Containers)
        {
            if (container.SetAside || !container.Running || container.Mounted != live)
            {
                world.Violations.Add($"{when}: container {container.Name} of {container.Service} is {(container.SetAside ? "set aside" : container.Running ? "running" : "stopped")} on {container.Mounted}, live is {live}");
            }
        }

        var plan = await world.PlanAsync();
        var left = plan.Changes.Where(c => c.Operation is not DeleteRelease && !(rollback && c.Operation is SetAttributes)).ToList();
        if (left.Count > 0 || plan.HasErrors)
        {
            world.Violations.Add($"{when}: the next plan is not empty: {string.Join("; ", left.Select(c => $"{c.Action} {c.Address} ({c.Reason})"))} {string.Join("; ", plan.Diagnostics.Where(d => d.IsError).Select(d => d.Summary))}");
        }
    }
}
