using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Core.Execution;

/// <summary>
/// The use cases, each one straight line, and the one owner of the transaction: take the lock once, observe and plan
/// once, ask for approval, journal the run, execute, journal the verdict before what it licenses (a rollback, the removal
/// of what was set aside, pruning). Every effect goes through a port; <see cref="PlanExecutor"/> only performs steps.
/// </summary>
public sealed class Reconciler(
    ISecretsHost host,
    IApplyLock applyLock,
    IHistoryStore history,
    IContainerEngine? engine,
    IHttpProbe? probe,
    TimeProvider time,
    IApplyObserver observer,
    IFaultPoints? faults = null,
    ISwarmEngine? swarm = null)
{
    private readonly IFaultPoints _faults = faults ?? IFaultPoints.None;

    /// <summary>The dry run: observe and plan, without the lock, changing nothing.</summary>
    public async Task<Plan> PlanAsync(DesiredState desired, PlanOptions options, CancellationToken cancellationToken) =>
        (await ObserveAndPlanAsync(desired, options, cancellationToken)).Plan;

    /// <summary>The check: the host against the manifest, read-only, as a drift report (the same plan, read as differences).</summary>
    public async Task<Drift.DriftReport> DriftAsync(DesiredState desired, PlanOptions options, CancellationToken cancellationToken)
    {
        var (plan, observed, _) = await ObserveAndPlanAsync(desired, options, cancellationToken);
        return Drift.DriftDetector.Detect(plan, observed);
    }

    public async Task<ApplyResult> ApplyAsync(DesiredState desired, ApplyOptions options, ApprovePlan approve, CancellationToken cancellationToken)
    {
        IDisposable held;
        try
        {
            held = applyLock.Acquire(options.LockTimeout, createRoot: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A root that is not a usable directory (a file, a symlink, unreadable, someone else's) gets no lock made in or
            // through it: the snapshot says why, as the plan shows it, and nothing was changed.
            var unusable = host.Observe();
            if (!unusable.Problems.Any(p => p.IsError))
            {
                throw;
            }

            var refusal = Planner.Plan(desired, unusable, [], ReleaseLedger.Empty, time.GetUtcNow(), options.Plan);
            await approve(refusal, cancellationToken);
            return new ApplyResult(ApplyStatus.Refused, [], refusal.Diagnostics, Plan: refusal);
        }

        using var release = held;
        var (plan, observed, ledger) = await ObserveAndPlanAsync(desired, options.Plan ?? PlanOptions.Default, cancellationToken);
        var approval = await approve(plan, cancellationToken);
        if (plan.HasErrors)
        {
            return new ApplyResult(ApplyStatus.Refused, [], plan.Diagnostics, Plan: plan);
        }

        if (plan.IsEmpty)
        {
            return new ApplyResult(ApplyStatus.NoChanges, [], plan.Diagnostics, Live: observed.Current?.Release, Plan: plan);
        }

        if (Refusal(approval, plan) is { } refused)
        {
            return refused;
        }

        var target = plan.Target ?? desired.Stamp;
        var previous = ledger.LastGood is { } good && good != target && observed.Release(good) is not null ? good : observed.Current?.Release;
        var record = new ApplyRecord(Guid.NewGuid().ToString("n"), ApplyKind.Apply, target, previous, options.Revision,
            time.GetUtcNow(), null, ApplyOutcome.Interrupted, plan.Changes.Count, null, plan.ByOperator);
        history.Append(record);
        _faults.Reach(FaultPoint.RunJournaled);

        var executor = Executor();
        var goLive = plan.Changes.Where(c => !LicensedByVerdict(c.Operation)).ToList();
        var steps = await executor.RunAsync(desired, PlanKind.Apply, goLive, cancellationToken);
        if (steps.Failure is { } failure)
        {
            return await FailAsync(desired, plan, record, ledger, executor, steps, failure);
        }

        // Write-ahead: the release is proven in the journal before what only a proven release licenses.
        history.Append(record with { FinishedAt = time.GetUtcNow(), Outcome = ApplyOutcome.Succeeded });
        _faults.Reach(FaultPoint.VerdictProvenJournaled);
        var warnings = new List<Diagnostic>(steps.Warnings);
        warnings.AddRange(await executor.CommitAsync());
        var after = await executor.RunAsync(desired, PlanKind.Apply, plan.Changes.Where(c => LicensedByVerdict(c.Operation)).ToList(), CancellationToken.None);
        warnings.AddRange(after.Warnings);
        IReadOnlyList<Change> applied = [.. steps.Applied, .. after.Applied];
        if (after.Failure is { } housekeeping)
        {
            return new ApplyResult(ApplyStatus.Failed, applied, warnings, housekeeping.Change, $"housekeeping failed after the release went live: {housekeeping.Message}", Live: target, Plan: plan);
        }

        return new ApplyResult(ApplyStatus.Applied, applied, warnings, Live: target, Plan: plan);
    }

    /// <summary>Points <c>current</c> back at an earlier release (the last good one by default) and brings the services back on it.</summary>
    public async Task<ApplyResult> RollbackAsync(DesiredState desired, ReleaseStamp? to, ApplyOptions options, ApprovePlan approve, CancellationToken cancellationToken)
    {
        using var held = applyLock.Acquire(options.LockTimeout, createRoot: false, cancellationToken);
        var observed = host.Observe();
        var ledger = new ReleaseLedger(history.Read());
        var target = to ?? ReleaseLifecycle.RollbackTarget(ledger, observed);
        if (target is null)
        {
            return new ApplyResult(ApplyStatus.Refused, [], [Diagnostic.Error("no earlier good release to roll back to", "name one with --to STAMP; `horadus history` lists them")]);
        }

        // The containers are looked at before anything moves: without the engine, nothing is changed at all.
        var rollbackState = desired with { Stamp = target.Value };
        var (services, swarmSnapshot, problems) = await ObserveServicesAsync(rollbackState, cancellationToken);
        var plan = Planner.PlanRollback(rollbackState, observed, services, ledger, target.Value, byOperator: true, swarmSnapshot);
        plan = plan with { Diagnostics = [.. plan.Diagnostics, .. problems] };
        var approval = await approve(plan, cancellationToken);
        if (plan.HasErrors)
        {
            return new ApplyResult(ApplyStatus.Refused, [], plan.Diagnostics, Plan: plan);
        }

        if (plan.IsEmpty)
        {
            return new ApplyResult(ApplyStatus.NoChanges, [], plan.Diagnostics, Live: target, Plan: plan);
        }

        if (Refusal(approval, plan) is { } refused)
        {
            return refused;
        }

        var live = observed.Current?.Release;
        var record = new ApplyRecord(Guid.NewGuid().ToString("n"), ApplyKind.Rollback, target.Value, live, options.Revision, time.GetUtcNow(), null,
            ApplyOutcome.Interrupted, plan.Changes.Count, $"rolled back from {live?.ToString() ?? "nothing"}", ByOperator: true);
        history.Append(record);
        var executor = Executor();
        var steps = await executor.RunAsync(rollbackState, PlanKind.Rollback, plan.Changes, cancellationToken);
        if (steps.Failure is { } failure)
        {
            // There is nothing better to go back to: what runs now stays; what this rollback set aside, the next apply brings back.
            history.Append(record with { FinishedAt = time.GetUtcNow(), Outcome = ApplyOutcome.Errored, Message = $"{record.Message}; {failure.Message}", Incomplete = true });
            return new ApplyResult(ApplyStatus.Failed, steps.Applied, steps.Warnings, failure.Change, $"rollback to {target} did not complete: {failure.Message}", failure.Gate, target, plan);
        }

        history.Append(record with { FinishedAt = time.GetUtcNow(), Outcome = ApplyOutcome.Succeeded });
        var warnings = new List<Diagnostic>(steps.Warnings);
        warnings.AddRange(await executor.CommitAsync());
        return new ApplyResult(ApplyStatus.Applied, steps.Applied, warnings, Live: target, Plan: plan);
    }

    /// <summary>
    /// A step failed. A verdict on the release is journaled first; then, if anything live was touched, the host goes back
    /// through a rollback plan made from what it looks like now (the same plan the next run would make after a kill).
    /// </summary>
    private async Task<ApplyResult> FailAsync(DesiredState desired, Plan plan, ApplyRecord record, ReleaseLedger ledger, PlanExecutor executor, StepsResult steps, StepFailure failure)
    {
        // A failed repair of a release that was proven before does not judge it: the environment failed, not the release.
        var judged = failure.Judged && !ledger.IsGood(record.Stamp);
        if (judged)
        {
            history.Append(record with { Outcome = ApplyOutcome.Failed, Message = failure.Message });
            _faults.Reach(FaultPoint.VerdictFailedJournaled);
        }

        var touched = steps.Switched || executor.SetAside.Count > 0 || failure.Change.Operation is RecreateService or VerifyService or ReloadService or RestoreSetAside or UpdateSwarmService
                      || steps.Applied.Any(c => c.Operation is UpdateSwarmService);
        if (!touched)
        {
            history.Append(record with { FinishedAt = time.GetUtcNow(), Outcome = judged ? ApplyOutcome.Failed : ApplyOutcome.Errored, Message = failure.Message });
            return new ApplyResult(ApplyStatus.Failed, steps.Applied, steps.Warnings, failure.Change, failure.Message, failure.Gate, record.Previous ?? host.Observe().Current?.Release, plan);
        }

        var to = record.Previous ?? record.Stamp;
        observer.Progress(Addresses.Current, $"rolling back to {to}");
        var rollbackState = desired with { Stamp = to };
        var observed = host.Observe();
        var (services, swarmSnapshot, problems) = await ObserveServicesAsync(rollbackState, CancellationToken.None);

        // Without the engine no container can be put back, but current can: the host goes back to the last good release
        // as far as it can (the state a kill after the rollback's switch leaves), and the rollback is reported incomplete.
        var reachable = problems.Count > 0 ? rollbackState with { Services = [] } : rollbackState;
        var rollback = Planner.PlanRollback(reachable, observed, services, new ReleaseLedger(history.Read()), to, byOperator: false, swarmSnapshot);
        var back = Executor();
        var undo = rollback.HasErrors
            ? new StepsResult([], new StepFailure(failure.Change, string.Join("; ", rollback.Diagnostics.Where(d => d.IsError).Select(d => d.Summary)), null, false), [])
            : await back.RunAsync(reachable, PlanKind.Rollback, rollback.Changes, CancellationToken.None);
        if (problems.Count > 0 && undo.Failure is null)
        {
            undo = undo with { Failure = new StepFailure(failure.Change, string.Join("; ", problems.Select(d => d.Summary)), null, false) };
        }

        var outcome = judged ? ApplyOutcome.RolledBack : ApplyOutcome.Errored;
        history.Append(record with { FinishedAt = time.GetUtcNow(), Outcome = outcome, Message = failure.Message, Incomplete = undo.Failure is not null });
        var diagnostics = new List<Diagnostic>(steps.Warnings);
        diagnostics.AddRange(undo.Warnings);
        if (undo.Failure is { } incomplete)
        {
            diagnostics.Add(Diagnostic.Error(incomplete.Message));
            return new ApplyResult(ApplyStatus.RollbackFailed, steps.Applied, diagnostics, failure.Change,
                $"{failure.Message}; ROLLBACK INCOMPLETE: {incomplete.Message}; the next apply finishes it", failure.Gate, to, plan);
        }

        // Containers the rollback itself had to recreate on the old release are proven by its gates: what they replaced goes.
        diagnostics.AddRange(await back.CommitAsync());
        return new ApplyResult(ApplyStatus.RolledBack, steps.Applied, diagnostics, failure.Change, $"{failure.Message}; rolled back to {to}", failure.Gate, to, plan);
    }

    private static ApplyResult? Refusal(Approval approval, Plan plan) => approval.Verdict switch
    {
        ApprovalVerdict.Granted => null,
        ApprovalVerdict.Stale => new ApplyResult(ApplyStatus.Stale, [], approval.Reasons, Error: approval.Error, Plan: plan),
        _ => new ApplyResult(ApplyStatus.Declined, [], approval.Reasons, Error: approval.Error, Plan: plan),
    };

    /// <summary>Steps that only a proven release licenses: the way back is kept until the verdict is in the journal.</summary>
    private static bool LicensedByVerdict(Operation operation) => operation is RemoveSetAside or DeleteRelease;

    private PlanExecutor Executor() => new(host, engine, probe, time, observer, _faults, swarm);

    private async Task<(Plan Plan, ObservedSnapshot Observed, ReleaseLedger Ledger)> ObserveAndPlanAsync(DesiredState desired, PlanOptions options, CancellationToken cancellationToken)
    {
        var observed = host.Observe();
        if (observed.Problems.Any(p => p.IsError))
        {
            // A root that cannot be read has no history worth reading either.
            return (Planner.Plan(desired, observed, [], ReleaseLedger.Empty, time.GetUtcNow(), options), observed, ReleaseLedger.Empty);
        }

        var (services, swarmSnapshot, problems) = await ObserveServicesAsync(desired, cancellationToken);
        var ledger = new ReleaseLedger(history.Read());
        if (problems.Count > 0)
        {
            // Without the engine nothing can be said of the services (not even that none was found), and nothing is changed.
            var hostOnly = Planner.Plan(desired with { Services = [] }, observed, [], ledger, time.GetUtcNow(), options);
            return (hostOnly with { Changes = [], Diagnostics = [.. hostOnly.Diagnostics, .. problems] }, observed, ledger);
        }

        return (Planner.Plan(desired, observed, services, ledger, time.GetUtcNow(), options, swarmSnapshot), observed, ledger);
    }

    private async Task<(IReadOnlyList<ObservedService> Services, SwarmSnapshot Swarm, IReadOnlyList<Diagnostic> Problems)> ObserveServicesAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        if (desired.Services.Count == 0)
        {
            return ([], SwarmSnapshot.Empty, []);
        }

        if (engine is null)
        {
            return ([], SwarmSnapshot.Empty, [Diagnostic.Error("the manifest declares services but no container engine is configured")]);
        }

        try
        {
            await engine.ConnectAsync(cancellationToken);
            var rawVariables = SecretsLayout.RawVariables(desired);
            var services = new List<ObservedService>();
            foreach (var spec in desired.Services.Where(s => s.Swarm is null))
            {
                services.Add(new ObservedService(spec.Name, await engine.FindAsync(spec.Selector, rawVariables, cancellationToken)));
            }

            var swarmServices = desired.Services.Where(s => s.Swarm is not null).Select(s => s.Swarm!.Describe()).ToList();
            if (swarmServices.Count == 0)
            {
                return (services, SwarmSnapshot.Empty, []);
            }

            if (swarm is null)
            {
                return ([], SwarmSnapshot.Empty, [Diagnostic.Error("the manifest declares swarm services but no swarm engine is configured")]);
            }

            return (services, await swarm.ObserveAsync(swarmServices, cancellationToken), []);
        }
        catch (ContainerEngineException e)
        {
            return ([], SwarmSnapshot.Empty, [Diagnostic.Error($"container engine: {e.Message}")]);
        }
    }
}
