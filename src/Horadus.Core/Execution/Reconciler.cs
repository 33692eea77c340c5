using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>Settings of one apply.</summary>
public sealed record ApplyOptions(TimeSpan LockTimeout, string? Revision = null, PlanOptions? Plan = null);

/// <summary>
/// The use cases: observe and plan; apply an approved plan under the lock (re-planned and refused when stale);
/// roll back. Reads as one straight line per use case; every effect goes through a port.
/// </summary>
public sealed class Reconciler(
    ISecretsHost host,
    IApplyLock applyLock,
    IHistoryStore history,
    IContainerEngine? engine,
    IHttpProbe? probe,
    TimeProvider time,
    IApplyObserver observer)
{
    private readonly ISecretsHost _host = host;
    private readonly IApplyLock _lock = applyLock;
    private readonly IHistoryStore _history = history;
    private readonly IContainerEngine? _engine = engine;
    private readonly IHttpProbe? _probe = probe;
    private readonly TimeProvider _time = time;
    private readonly IApplyObserver _observer = observer;

    public async Task<Plan> PlanAsync(DesiredState desired, PlanOptions options, CancellationToken cancellationToken) =>
        (await ObserveAndPlanAsync(desired, options, cancellationToken)).Plan;

    private async Task<(Plan Plan, ObservedSnapshot Observed)> ObserveAndPlanAsync(DesiredState desired, PlanOptions options, CancellationToken cancellationToken)
    {
        var observed = _host.Observe();
        if (observed.Problems.Any(p => p.IsError))
        {
            // A root that cannot be read has no history worth reading either.
            return (Planner.Plan(desired, observed, [], ReleaseLedger.Empty, _time.GetUtcNow(), options), observed);
        }

        var (services, problems) = await ObserveServicesAsync(desired, cancellationToken);
        var ledger = new ReleaseLedger(_history.Read());
        if (problems.Count > 0)
        {
            // Without the engine nothing can be said of the services (not even that none was found), and nothing is changed.
            var hostOnly = Planner.Plan(desired with { Services = [] }, observed, [], ledger, _time.GetUtcNow(), options);
            return (hostOnly with { Changes = [], Diagnostics = [.. hostOnly.Diagnostics, .. problems] }, observed);
        }

        return (Planner.Plan(desired, observed, services, ledger, _time.GetUtcNow(), options), observed);
    }

    public async Task<ApplyResult> ApplyAsync(DesiredState desired, Plan approved, ApplyOptions options, CancellationToken cancellationToken)
    {
        using var held = _lock.Acquire(options.LockTimeout, approved.Changes.Any(c => c.Operation is CreateRoot), cancellationToken);

        var (fresh, observed) = await ObserveAndPlanAsync(desired, options.Plan ?? PlanOptions.Default, cancellationToken);
        if (fresh.HasErrors)
        {
            return new ApplyResult(ApplyStatus.Refused, [], fresh.Diagnostics);
        }

        var moved = PlanComparison.WhatMoved(approved, fresh);
        if (moved.Count > 0)
        {
            return new ApplyResult(ApplyStatus.Stale, [], moved.Select(m => Diagnostic.Error(m)).ToList(),
                Error: "the plan is stale: the host or the manifest changed since it was made; make a new plan");
        }

        if (fresh.IsEmpty)
        {
            return new ApplyResult(ApplyStatus.NoChanges, [], fresh.Diagnostics, Live: observed.Current?.Release);
        }

        var (previous, switchedBefore) = LastGood(observed, desired, new ReleaseLedger(_history.Read()));
        var record = new ApplyRecord(Guid.NewGuid().ToString("n"), ApplyKind.Apply, desired.Stamp, previous, options.Revision,
            _time.GetUtcNow(), null, ApplyOutcome.Interrupted, fresh.Changes.Count, null);
        _history.Append(record);

        // What runs is the plan computed now, under the lock, from the host and the manifest; the approved one
        // (shown, or read from a file anyone could have edited) only had to be equal to it.
        var run = new ApplyRun(this, desired, record, previous, switchedBefore);
        return await run.ExecuteAsync(fresh, cancellationToken);
    }

    /// <summary>
    /// The release a failed gate goes back to. Normally the live one. When <c>current</c> already names the desired
    /// release but it never proved itself (an earlier apply moved it and died), it is the newest good release on the
    /// host, and <c>current</c> counts as already switched.
    /// </summary>
    private static (ReleaseStamp? Previous, bool SwitchedBefore) LastGood(ObservedSnapshot observed, DesiredState desired, ReleaseLedger ledger)
    {
        var live = observed.Current?.Release;
        if (live != desired.Stamp || ledger.IsGood(desired.Stamp))
        {
            return (live, false);
        }

        var good = observed.Releases.Select(r => r.Stamp).Where(s => s != desired.Stamp && ledger.IsGood(s)).OrderDescending().Cast<ReleaseStamp?>().FirstOrDefault();
        return good is null ? (live, false) : (good, true);
    }

    /// <summary>Points <c>current</c> back at an earlier release (the newest good one by default) and recreates the services on it.</summary>
    public async Task<ApplyResult> RollbackAsync(DesiredState desired, ReleaseStamp? to, ApplyOptions options, CancellationToken cancellationToken)
    {
        using var held = _lock.Acquire(options.LockTimeout, false, cancellationToken);
        var observed = _host.Observe();
        var ledger = new ReleaseLedger(_history.Read());
        var live = observed.Current?.Release;
        var target = to ?? observed.Releases.Select(r => r.Stamp).Where(s => s != live && ledger.IsGood(s)).OrderDescending().Cast<ReleaseStamp?>().FirstOrDefault();
        if (target is null)
        {
            return new ApplyResult(ApplyStatus.Refused, [], [Diagnostic.Error("no earlier good release to roll back to", "name one with --to STAMP; `horadus history` lists them")]);
        }

        if (observed.Release(target.Value) is null)
        {
            return new ApplyResult(ApplyStatus.Refused, [], [Diagnostic.Error($"release {target} is not on the host", "`horadus status` lists the releases present")]);
        }

        // The containers are looked at before anything moves: without the engine, nothing is changed at all.
        var rollbackState = desired with { Stamp = target.Value };
        var (services, problems) = await ObserveServicesAsync(rollbackState, cancellationToken);
        if (problems.Count > 0)
        {
            return new ApplyResult(ApplyStatus.Refused, [], problems);
        }

        var record = new ApplyRecord(Guid.NewGuid().ToString("n"), ApplyKind.Rollback, target.Value, live, options.Revision, _time.GetUtcNow(), null, ApplyOutcome.Interrupted, 1, $"rolled back from {live?.ToString() ?? "nothing"}");
        _history.Append(record);

        var applied = new List<Change>();
        if (live != target)
        {
            var change = new Change(ChangeAction.Update, Addresses.Current, live is null ? null : Addresses.ReleasePath(live.Value), Addresses.ReleasePath(target.Value), "rollback", new SwitchCurrent(live, target.Value));
            _observer.Starting(change);
            try
            {
                _host.SwitchCurrent(target.Value);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _history.Append(record with { FinishedAt = _time.GetUtcNow(), Outcome = ApplyOutcome.Errored, Message = $"{record.Message}: {e.Message}" });
                return new ApplyResult(ApplyStatus.Failed, [], [], change, $"could not point current at {target}: {e.Message}", Live: live);
            }

            _observer.Finished(change);
            applied.Add(change);
        }

        var (serviceChanges, _) = ServicePlanner.Plan(rollbackState, services, target.Value, switching: false);
        var run = new ApplyRun(this, rollbackState, record, live);
        var failure = await run.RolloutAsync(serviceChanges, applied, cancellationToken);
        if (failure is null)
        {
            await run.CommitAsync();
        }

        var outcome = failure is null ? ApplyOutcome.Succeeded : ApplyOutcome.Failed;
        _history.Append(record with { FinishedAt = _time.GetUtcNow(), Outcome = outcome, Changes = applied.Count, Message = failure is null ? record.Message : $"{record.Message}; {failure.Service}: gate '{failure.Gate}' failed" });
        if (failure is null)
        {
            return new ApplyResult(ApplyStatus.Applied, applied, run.Warnings, Live: target);
        }

        // There is nothing better to go back to: the new containers stay, the ones they replaced stay stopped and set aside.
        var aside = run.SetAside.Count == 0
            ? []
            : new[] { Diagnostic.Warning($"the containers replaced for {string.Join(", ", run.SetAside)} are kept stopped and renamed *-horadus-aside-*; start or remove them by hand") };
        return new ApplyResult(ApplyStatus.Failed, applied, aside, Error: $"rollback to {target} did not pass its gates: {failure.Service}: {failure.Gate}: {failure.LastAnswer}", Gate: failure, Live: target);
    }

    private async Task<(IReadOnlyList<ObservedService> Services, IReadOnlyList<Diagnostic> Problems)> ObserveServicesAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        if (desired.Services.Count == 0)
        {
            return ([], []);
        }

        if (_engine is null)
        {
            return ([], [Diagnostic.Error("the manifest declares services but no container engine is configured")]);
        }

        try
        {
            await _engine.ConnectAsync(cancellationToken);
            var secretVariables = ServiceRollout.SecretVariables(desired);
            var services = new List<ObservedService>();
            foreach (var spec in desired.Services)
            {
                services.Add(new ObservedService(spec.Name, await _engine.FindAsync(spec.Selector, secretVariables, cancellationToken)));
            }

            return (services, []);
        }
        catch (ContainerEngineException e)
        {
            return ([], [Diagnostic.Error($"container engine: {e.Message}")]);
        }
    }

    /// <summary>One apply in progress: the steps taken so far, so that a failure can be reported and undone.</summary>
    private sealed class ApplyRun(Reconciler owner, DesiredState desired, ApplyRecord record, ReleaseStamp? previous, bool switchedBefore = false)
    {
        private readonly List<Change> _applied = [];
        private readonly List<Diagnostic> _warnings = [];
        private ServiceRollout? _rollout;
        private bool _switched = switchedBefore;

        /// <summary>Services whose old containers are still set aside (neither committed nor restored).</summary>
        public IReadOnlyList<string> SetAside => _rollout?.TouchedServices ?? [];

        public async Task<ApplyResult> ExecuteAsync(Plan plan, CancellationToken cancellationToken)
        {
            var changes = plan.Changes;
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                if (change.Operation is RecreateService)
                {
                    // The planner puts every recreate together, in wave order; RolloutAsync runs them wave by wave.
                    var recreates = changes.Skip(i).TakeWhile(c => c.Operation is RecreateService).ToList();
                    i += recreates.Count - 1;
                    GateFailure? failure;
                    try
                    {
                        failure = await RolloutAsync(recreates, _applied, cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Interrupted while services were being recreated: old containers are stopped and set aside.
                        // Leaving them so would leave the services down: put everything back, whatever the caller wants next.
                        failure = new GateFailure(ServicesOf(recreates), ServiceRollout.InterruptedGate, "the apply was interrupted while the services were being recreated", []);
                    }

                    if (failure is not null)
                    {
                        return await RollBackAsync(failure, CancellationToken.None);
                    }

                    // Every service passed: what was set aside can go, before any housekeeping that might fail.
                    await CommitAsync();
                    continue;
                }

                if (change.Operation is SwitchCurrent)
                {
                    string? preflight;
                    bool judged;
                    try
                    {
                        (preflight, judged) = await PreflightAsync(cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Nothing has moved yet: the previous release is live, and the next apply tries again.
                        (preflight, judged) = ("interrupted during the pre-flight; nothing was switched", false);
                    }

                    if (preflight is not null)
                    {
                        // A release the pre-flight refused is not tried again by itself; one it could not check is.
                        return Finish(judged ? ApplyOutcome.Failed : ApplyOutcome.Errored, ApplyStatus.Failed, change, preflight);
                    }
                }

                try
                {
                    owner._observer.Starting(change);
                    Perform(change.Operation);
                    owner._observer.Finished(change);
                    _applied.Add(change);
                    _switched |= change.Operation is SwitchCurrent;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // Before the switch the previous release is still live; after it only housekeeping is left.
                    return _switched && change.Operation is DeleteRelease or DeleteStaging or SetAttributes
                        ? Finish(ApplyOutcome.Succeeded, ApplyStatus.Failed, change, $"housekeeping failed after the release went live: {e.Message}")
                        : Finish(ApplyOutcome.Errored, ApplyStatus.Failed, change, e.Message);
                }
            }

            return Finish(ApplyOutcome.Succeeded, ApplyStatus.Applied, null, null);
        }

        public IReadOnlyList<Diagnostic> Warnings => _warnings;

        public async Task CommitAsync()
        {
            try
            {
                await (_rollout?.CommitAsync(CancellationToken.None) ?? Task.CompletedTask);
            }
            catch (ContainerEngineException e)
            {
                // Every gate passed and the release is live: a container left aside is housekeeping, not a failure.
                _warnings.Add(Diagnostic.Warning($"a container set aside could not be removed: {e.Message}", "remove it by hand (docker rm); it is stopped and renamed *-horadus-aside-*"));
            }
        }

        public async Task<GateFailure?> RolloutAsync(IReadOnlyList<Change> wave, List<Change> applied, CancellationToken cancellationToken)
        {
            if (wave.Count == 0)
            {
                return null;
            }

            var engine = owner._engine ?? throw new InvalidOperationException("services need a container engine");
            var probe = owner._probe ?? throw new InvalidOperationException("services need an HTTP probe");
            _rollout ??= new ServiceRollout(engine, new HealthGateRunner(engine, probe, owner._time, SecretRedactor.For(desired)), owner._observer);
            foreach (var waveChanges in wave.GroupBy(c => ((RecreateService)c.Operation).Wave).OrderBy(g => g.Key))
            {
                foreach (var change in waveChanges)
                {
                    owner._observer.Starting(change);
                }

                GateFailure? failure;
                try
                {
                    failure = await _rollout.RunWaveAsync(desired, waveChanges.Select(c => (c, (RecreateService)c.Operation)).ToList(), cancellationToken);
                }
                catch (ContainerEngineException e)
                {
                    failure = new GateFailure(ServicesOf(waveChanges), ServiceRollout.RecreateGate, e.Message, []);
                }

                if (failure is not null)
                {
                    return failure;
                }

                foreach (var change in waveChanges)
                {
                    owner._observer.Finished(change);
                    applied.Add(change);
                }
            }

            return null;
        }

        private static string ServicesOf(IEnumerable<Change> recreates) =>
            string.Join(",", recreates.Select(c => ((RecreateService)c.Operation).Service));

        /// <summary>Why the release may not go live, if it may not; <c>Judged</c> is false when the check itself could not run.</summary>
        private async Task<(string? Failure, bool Judged)> PreflightAsync(CancellationToken cancellationToken)
        {
            var problems = ValuePreflight.Check(desired);
            if (problems.Count > 0)
            {
                return ("pre-flight: " + string.Join("; ", problems.Select(p => p.Summary)), true);
            }

            foreach (var spec in desired.Services.Where(s => s.Preflight is not null))
            {
                try
                {
                    var failure = await PreflightAsync(spec, spec.Preflight!, cancellationToken);
                    if (failure is not null)
                    {
                        return (failure, true);
                    }
                }
                catch (ContainerEngineException e)
                {
                    return ($"pre-flight of {spec.Name} could not run: {e.Message}", false);
                }
            }

            return (null, true);
        }

        /// <summary>
        /// The runbook's <c>docker compose run --rm --no-deps SERVICE COMMAND</c>: a one-off container like the service's
        /// (image, user, environment) with the new release mounted read-only where <c>current</c> is, before the switch.
        /// </summary>
        private async Task<string?> PreflightAsync(ServiceSpec spec, PreflightCommand preflight, CancellationToken cancellationToken)
        {
            var engine = owner._engine ?? throw new InvalidOperationException("pre-flight commands need a container engine");
            var address = Addresses.Service(spec.Name);
            var containers = (await engine.FindAsync(spec.Selector, ServiceRollout.SecretVariables(desired), cancellationToken)).Where(c => !c.SetAside).ToList();
            if (containers.Count == 0)
            {
                // Nothing consumes the secrets yet, so nothing is restarted either: the first start will read this release.
                owner._observer.Progress(address, "pre-flight skipped: no container of the service to take its image from");
                return null;
            }

            owner._observer.Progress(address, "pre-flight: " + string.Join(' ', preflight.Command));
            var releaseDir = Path.Combine(desired.SecretsRoot, Addresses.ReleasePath(desired.Stamp));
            var template = containers.FirstOrDefault(c => c.State == ContainerState.Running) ?? containers[0];
            var result = await engine.RunOneOffAsync(new OneOffSpec(
                template.Image,
                preflight.Command,
                null,
                [new ContainerMount(releaseDir, spec.MountPath, true, releaseDir)],
                desired.Files.ToDictionary(f => f.Variable, f => $"{spec.MountPath.TrimEnd('/')}/{f.Name}"),
                preflight.Timeout,
                template.Id), cancellationToken);
            if (result.TimedOut)
            {
                return $"pre-flight of {spec.Name} timed out after {preflight.Timeout.TotalSeconds:0}s";
            }

            if (result.ExitCode != 0 || (preflight.ExpectOutput is { } expected && !result.Output.Contains(expected, StringComparison.Ordinal)))
            {
                return $"pre-flight of {spec.Name} failed (exit code {result.ExitCode}{(preflight.ExpectOutput is null ? "" : $", expected output '{preflight.ExpectOutput}'")}); " +
                       "its output is not shown because it may contain secrets; run the command by hand to see it";
            }

            owner._observer.Progress(address, "pre-flight passed");
            return null;
        }

        private async Task<ApplyResult> RollBackAsync(GateFailure failure, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            if (_switched && previous is { } last)
            {
                owner._observer.Progress(Addresses.Current, $"rolling back: current -> {Addresses.ReleasePath(last)}");
                try
                {
                    owner._host.SwitchCurrent(last);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"could not switch current back to {last}: {e.Message}");
                }
            }

            if (_rollout is not null)
            {
                problems.AddRange(await _rollout.RestoreAsync(desired, cancellationToken));
            }

            var message = $"{failure.Service}: gate '{failure.Gate}' failed: {failure.LastAnswer}";
            // An engine error or an interruption says nothing about the release: the next apply may try it again.
            // Nor does a failed repair of a release that was live and proven before: it stays good.
            var judged = _switched && failure.Gate is not (ServiceRollout.RecreateGate or ServiceRollout.InterruptedGate);
            owner._history.Append(record with { FinishedAt = owner._time.GetUtcNow(), Outcome = judged ? ApplyOutcome.RolledBack : ApplyOutcome.Errored, Message = message });
            var status = problems.Count == 0 ? ApplyStatus.RolledBack : ApplyStatus.RollbackFailed;
            var error = problems.Count == 0
                ? $"{message}; rolled back to {previous?.ToString() ?? "nothing"}"
                : $"{message}; ROLLBACK INCOMPLETE: {string.Join("; ", problems)}";
            return new ApplyResult(status, _applied, problems.Select(p => Diagnostic.Error(p)).ToList(), Error: error, Gate: failure, Live: previous);
        }

        private ApplyResult Finish(ApplyOutcome outcome, ApplyStatus status, Change? failed, string? error)
        {
            owner._history.Append(record with { FinishedAt = owner._time.GetUtcNow(), Outcome = outcome, Message = error });
            var live = status == ApplyStatus.Applied || _switched ? desired.Stamp : previous;
            return new ApplyResult(status, _applied, _warnings, failed, error, Live: live);
        }

        private void Perform(Operation operation)
        {
            switch (operation)
            {
                case CreateRoot root:
                    owner._host.CreateRoot(root.Mode);
                    break;
                case CreateRelease create:
                    owner._host.WriteRelease(create.Stamp, desired.Files, desired.Modes, desired.Ownership, desired.ReleasesOwner);
                    break;
                case SetAttributes set:
                    owner._host.SetAttributes(set.RelativePath, set.Uid, set.Gid, set.Mode);
                    break;
                case SwitchCurrent to:
                    owner._host.SwitchCurrent(to.To);
                    break;
                case DeleteRelease delete:
                    owner._host.DeleteRelease(delete.Stamp);
                    break;
                case DeleteStaging staging:
                    owner._host.DeleteStaging(staging.Name);
                    break;
                default:
                    throw new InvalidOperationException($"no executor for {operation.GetType().Name}");
            }
        }
    }
}
