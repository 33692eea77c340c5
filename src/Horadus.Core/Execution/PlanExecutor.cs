using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Core.Execution;

/// <summary>
/// Carries out the steps of a plan, in order, through the ports; it decides nothing. It stops at the first failure and
/// says what it did; the caller (<see cref="Reconciler"/>) owns the transaction: the journal, the verdict, the rollback.
/// Recreates and verifications run wave by wave; restores of set-aside containers all at once, then their gates.
/// </summary>
public sealed class PlanExecutor(
    ISecretsHost host,
    IContainerEngine? engine,
    IHttpProbe? probe,
    TimeProvider time,
    IApplyObserver observer,
    IFaultPoints faults,
    ISwarmEngine? swarm = null)
{
    private ServiceRollout? _rollout;
    private SwarmRollout? _swarmRollout;

    /// <summary>Old containers replaced by this executor and still set aside: <see cref="CommitAsync"/> removes them.</summary>
    public IReadOnlyList<ReplacedContainer> SetAside => _rollout?.SetAside ?? [];

    public async Task<StepsResult> RunAsync(DesiredState desired, PlanKind kind, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var applied = new List<Change>();
        var warnings = new List<Diagnostic>();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            StepFailure? failure;
            try
            {
                if (IsServiceStep(change))
                {
                    // One batch of consecutive service steps: the planner puts them together, in wave order.
                    var batch = changes.Skip(i).TakeWhile(c => IsRestore(c) == IsRestore(change) && IsServiceStep(c)).ToList();
                    i += batch.Count - 1;
                    failure = change.Operation is RestoreSetAside
                        ? await RestoreAsync(desired, kind, batch, applied, cancellationToken)
                        : await RolloutAsync(desired, batch, applied, cancellationToken);
                }
                else if (IsSwarmUpdate(change))
                {
                    var batch = changes.Skip(i).TakeWhile(IsSwarmUpdate).ToList();
                    i += batch.Count - 1;
                    failure = await SwarmUpdatesAsync(desired, batch, applied, cancellationToken);
                }
                else
                {
                    observer.Starting(change);
                    failure = await PerformAsync(desired, kind, change, warnings, cancellationToken);
                    if (failure is null)
                    {
                        observer.Finished(change);
                        applied.Add(change);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                failure = new StepFailure(change, "the run was interrupted", GateFailure.Interrupted(ServiceOf(change) ?? change.Address, "the run was interrupted"), false);
            }

            if (failure is not null)
            {
                return new StepsResult(applied, failure, warnings);
            }
        }

        return new StepsResult(applied, null, warnings);
    }

    /// <summary>The release is proven: remove the containers this executor set aside. A failure here is a warning, not a verdict.</summary>
    public async Task<IReadOnlyList<Diagnostic>> CommitAsync()
    {
        try
        {
            await (_rollout?.CommitAsync(CancellationToken.None) ?? Task.CompletedTask);
            return [];
        }
        catch (ContainerEngineException e)
        {
            return [Diagnostic.Warning($"a container set aside could not be removed: {e.Message}", "the next apply removes it (it is stopped and renamed *-horadus-aside-*)")];
        }
    }

    private async Task<StepFailure?> PerformAsync(DesiredState desired, PlanKind kind, Change change, List<Diagnostic> warnings, CancellationToken cancellationToken)
    {
        try
        {
            switch (change.Operation)
            {
                case CreateRelease create:
                    host.WriteRelease(create.Stamp, desired.Files, desired.ReleasesModes, desired.Ownership, desired.ReleasesOwner);
                    faults.Reach(FaultPoint.ReleaseWritten);
                    break;
                case SetAttributes set:
                    host.SetAttributes(set.RelativePath, set.Uid, set.Gid, set.Mode);
                    break;
                case SwitchCurrent to:
                    host.SwitchCurrent(to.To);
                    faults.Reach(kind == PlanKind.Rollback ? FaultPoint.RollbackSwitched : FaultPoint.CurrentSwitched);
                    break;
                case DeleteRelease delete:
                    host.DeleteRelease(delete.Stamp);
                    faults.Reach(FaultPoint.ReleasePruned);
                    break;
                case DeleteStaging staging:
                    host.DeleteStaging(staging.Name);
                    break;
                case RunPreflight preflight:
                    return await PreflightAsync(desired, change, preflight, cancellationToken);
                case CreateSwarmSecret create:
                    await SwarmRollout(desired).CreateSecretAsync(desired, create, cancellationToken);
                    break;
                case RemoveSwarmSecret remove:
                    await SwarmRollout(desired).RemoveSecretAsync(remove, cancellationToken);
                    faults.Reach(FaultPoint.SwarmSecretRemoved);
                    break;
                case RemoveSetAside aside:
                    await Engine().CommitAsync(new ReplacedContainer(aside.ContainerId, aside.AsideName, aside.AsideName, string.Empty), cancellationToken);
                    faults.Reach(FaultPoint.AsideRemoved);
                    break;
                case ConfirmRelease:
                    // The verdict itself is journaled by the caller: there is nothing to do on the host.
                    break;
                default:
                    throw new InvalidOperationException($"no executor for {change.Operation.GetType().Name}");
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ContainerEngineException)
        {
            if (change.Operation is RemoveSetAside or RemoveSwarmSecret)
            {
                // Housekeeping of a proven release: said, not fatal.
                warnings.Add(Diagnostic.Warning($"{change.Address}: {e.Message}", address: change.Address));
                return null;
            }

            return new StepFailure(change, e.Message, null, false);
        }
    }

    /// <summary>
    /// Wave after wave, each starting once the previous passed its gates once; the stability holds go on alongside and a
    /// failure in any of them fails the batch (the caller then rolls every wave back). A step is applied once its hold is over.
    /// </summary>
    private async Task<StepFailure?> RolloutAsync(DesiredState desired, IReadOnlyList<Change> batch, List<Change> applied, CancellationToken cancellationToken)
    {
        var rollout = Rollout(desired);
        var proven = new List<Change>();
        void Proven(Change change)
        {
            observer.Finished(change);
            lock (proven)
            {
                proven.Add(change);
            }
        }

        var failure = default(GateFailure);
        foreach (var wave in batch.GroupBy(WaveOf).OrderBy(g => g.Key))
        {
            var changes = wave.ToList();
            changes.ForEach(observer.Starting);
            failure = await rollout.RunWaveAsync(desired, changes, Proven, cancellationToken);
            if (failure is not null)
            {
                break;
            }
        }

        failure ??= await rollout.HoldsAsync(cancellationToken);
        lock (proven)
        {
            // In plan order, whatever order the holds ended in.
            applied.AddRange(batch.Where(proven.Contains));
        }

        if (failure is null)
        {
            return null;
        }

        var failed = batch.FirstOrDefault(c => ServiceOf(c) == failure.Service) ?? batch[0];
        return new StepFailure(failed, $"{failure.Service}: gate '{failure.Gate}' failed: {failure.LastAnswer}", failure, failure.JudgesRelease);
    }

    /// <summary>
    /// Swarm service updates (or returns to the previous spec), wave by wave, the services of a wave in parallel; each is
    /// applied once its gates passed. The first failure ends the batch once the rest of its wave is done.
    /// </summary>
    private async Task<StepFailure?> SwarmUpdatesAsync(DesiredState desired, IReadOnlyList<Change> batch, List<Change> applied, CancellationToken cancellationToken)
    {
        var rollout = SwarmRollout(desired);
        foreach (var wave in batch.GroupBy(WaveOf).OrderBy(g => g.Key))
        {
            var results = await Task.WhenAll(wave.Select(async change =>
            {
                try
                {
                    var failure = change.Operation is RollbackSwarmService back
                        ? await rollout.RollbackAsync(desired.Services.Single(s => s.Name == back.Service), change, cancellationToken)
                        : await rollout.UpdateAsync(desired, change, cancellationToken);
                    return (Change: change, Failure: failure is null ? null : new StepFailure(change, $"{failure.Service}: gate '{failure.Gate}' failed: {failure.LastAnswer}", failure, failure.JudgesRelease));
                }
                catch (ContainerEngineException e)
                {
                    return (Change: change, Failure: new StepFailure(change, rollout.Redactor.Redact($"{ServiceOf(change)}: {e.Message}"), GateFailure.Engine(ServiceOf(change) ?? change.Address, e.Message), false));
                }
            }));
            applied.AddRange(results.Where(r => r.Failure is null).Select(r => r.Change));
            if (results.Select(r => r.Failure).FirstOrDefault(f => f is not null) is { } failed)
            {
                return failed;
            }
        }

        return null;
    }

    /// <summary>Brings back every container set aside first (the services are down as briefly as possible), then gates them in parallel.</summary>
    private async Task<StepFailure?> RestoreAsync(DesiredState desired, PlanKind kind, IReadOnlyList<Change> batch, List<Change> applied, CancellationToken cancellationToken)
    {
        var engine = Engine();
        var gates = Gates(desired);
        var restored = new List<(Change Change, RestoreSetAside Restore)>();
        foreach (var change in batch)
        {
            var restore = (RestoreSetAside)change.Operation;
            observer.Starting(change);
            try
            {
                var spec = desired.Services.Single(s => s.Name == restore.Service);
                await engine.RestoreAsync(new ReplacedContainer(restore.ContainerId, restore.OriginalName, restore.AsideName, restore.ReplacementId ?? string.Empty), spec.StopTimeout, cancellationToken);
                faults.Reach(FaultPoint.For(FaultPoint.ContainerRestored, restore.Service));
                restored.Add((change, restore));
            }
            catch (ContainerEngineException e)
            {
                return new StepFailure(change, gates.Redactor.Redact($"{restore.Service}: could not restore {restore.OriginalName}: {e.Message}"), null, false);
            }
        }

        var checks = restored.Select(async item =>
        {
            var spec = desired.Services.Single(s => s.Name == item.Restore.Service);
            var progress = kind == PlanKind.Rollback ? "rollback: " : "restore: ";
            try
            {
                var failure = await gates.WaitHealthyAsync(spec, item.Restore.ContainerId, SecretsLayout.RawVariables(desired), m => observer.Progress(item.Change.Address, progress + m), cancellationToken);
                return failure is null ? null : new StepFailure(item.Change, $"{spec.Name}: not healthy after it was restored: {failure.Gate}: {failure.LastAnswer}", failure, failure.JudgesRelease);
            }
            catch (ContainerEngineException e)
            {
                return new StepFailure(item.Change, gates.Redactor.Redact($"{spec.Name}: could not check {item.Restore.OriginalName} after it was restored: {e.Message}"), null, false);
            }
        });
        var failures = await Task.WhenAll(checks);
        foreach (var (change, _) in restored.Where(r => failures.All(f => f?.Change != r.Change)))
        {
            observer.Finished(change);
            applied.Add(change);
        }

        return failures.FirstOrDefault(f => f is not null);
    }

    /// <summary>
    /// The runbook's <c>docker compose run --rm --no-deps SERVICE COMMAND</c>: a one-off container like the service's
    /// (image, user, environment) with the new release mounted read-only where <c>current</c> is, before the switch.
    /// </summary>
    private async Task<StepFailure?> PreflightAsync(DesiredState desired, Change change, RunPreflight operation, CancellationToken cancellationToken)
    {
        var engine = Engine();
        var spec = desired.Services.Single(s => s.Name == operation.Service);
        var preflight = spec.Preflight ?? throw new InvalidOperationException($"service {spec.Name} has no pre-flight");
        var releaseDir = SecretsTree.ReleaseDirectory(desired.SecretsRoot, operation.Stamp);
        // Where the service reads its files: the mount itself, or current inside the root for a service that reloads.
        var mounts = new[] { new ContainerMount(releaseDir, SecretsLayout.ReleaseInContainer(spec), true, releaseDir) };
        var oneOff = spec.Swarm is { } target
            ? SwarmPreflight(desired, spec, preflight, mounts, (await SwarmEngine().ObserveAsync([target.Service], cancellationToken)).Find(target, out _)?.Template)
            : ComposePreflight(desired, spec, preflight, mounts, (await engine.FindAsync(spec.Selector, SecretsLayout.RawVariables(desired), cancellationToken)).Where(c => !c.SetAside).ToList());
        if (oneOff is null)
        {
            // Nothing consumes the secrets yet, so nothing is restarted either: the first start will read this release.
            observer.Progress(change.Address, "pre-flight skipped: no container of the service to take its image from");
            return null;
        }

        observer.Progress(change.Address, "pre-flight: " + string.Join(' ', preflight.Command));
        var result = await engine.RunOneOffAsync(oneOff, cancellationToken);
        if (result.TimedOut)
        {
            return Refused(change, spec, $"pre-flight of {spec.Name} timed out after {preflight.Timeout.TotalSeconds:0}s");
        }

        if (result.ExitCode != 0 || (preflight.ExpectOutput is { } expected && !result.Output.Contains(expected, StringComparison.Ordinal)))
        {
            return Refused(change, spec, $"pre-flight of {spec.Name} failed (exit code {result.ExitCode}{(preflight.ExpectOutput is null ? "" : $", expected output '{preflight.ExpectOutput}'")}); " +
                                         "its output is not shown because it may contain secrets; run the command by hand to see it");
        }

        observer.Progress(change.Address, "pre-flight passed");
        faults.Reach(FaultPoint.PreflightPassed);
        return null;
    }

    private static OneOffSpec? ComposePreflight(DesiredState desired, ServiceSpec spec, PreflightCommand preflight, ContainerMount[] mounts, List<ObservedContainer> containers)
    {
        var template = containers.FirstOrDefault(c => c.State == ContainerState.Running) ?? containers.FirstOrDefault();
        return template is null
            ? null
            : new OneOffSpec(template.Image, preflight.Command, null, mounts, SecretsLayout.FileVariables(desired, spec), preflight.Timeout, template.Id, preflight.Entrypoint);
    }

    /// <summary>
    /// On the manager, a one-off container made like the swarm service's tasks (image, user, environment, entrypoint) with
    /// the release's files where the secret versions will be: the same check as compose's, before any secret is referenced.
    /// </summary>
    private static OneOffSpec? SwarmPreflight(DesiredState desired, ServiceSpec spec, PreflightCommand preflight, ContainerMount[] mounts, SwarmContainerTemplate? template)
    {
        if (template is null)
        {
            return null;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in template.Environment)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            environment[equals < 0 ? entry : entry[..equals]] = equals < 0 ? string.Empty : entry[(equals + 1)..];
        }

        foreach (var (variable, path) in SecretsLayout.FileVariables(desired, spec))
        {
            environment[variable] = path;
        }

        return new OneOffSpec(template.Image, preflight.Command, string.IsNullOrEmpty(template.User) ? null : template.User, mounts, environment, preflight.Timeout,
            Entrypoint: preflight.Entrypoint ?? template.Entrypoint);
    }

    private static StepFailure Refused(Change change, ServiceSpec spec, string message) =>
        new(change, message, new GateFailure(spec.Name, GateKind.Preflight, "pre-flight", message, []), true);

    private ISwarmEngine SwarmEngine() => swarm ?? throw new InvalidOperationException("swarm services need a swarm engine");

    private SwarmRollout SwarmRollout(DesiredState desired)
    {
        var engine = SwarmEngine();
        return _swarmRollout ??= new SwarmRollout(engine, new SwarmGateRunner(engine, probe ?? throw new InvalidOperationException("services need an HTTP probe"), time, SecretRedactor.For(desired)), observer, faults, time);
    }

    private static bool IsSwarmUpdate(Change change) => change.Operation is UpdateSwarmService or RollbackSwarmService;

    private ServiceRollout Rollout(DesiredState desired) =>
        _rollout ??= new ServiceRollout(Engine(), Gates(desired), observer, faults);

    private HealthGateRunner Gates(DesiredState desired) =>
        new(Engine(), probe ?? throw new InvalidOperationException("services need an HTTP probe"), time, SecretRedactor.For(desired));

    private IContainerEngine Engine() => engine ?? throw new InvalidOperationException("services need a container engine");

    private static bool IsRestore(Change change) => change.Operation is RestoreSetAside;

    private static bool IsServiceStep(Change change) => change.Operation is RecreateService or ReloadService or VerifyService or RestoreSetAside;

    private static int WaveOf(Change change) => change.Operation switch
    {
        RecreateService r => r.Wave,
        ReloadService r => r.Wave,
        VerifyService v => v.Wave,
        UpdateSwarmService u => u.Wave,
        RollbackSwarmService b => b.Wave,
        _ => 0,
    };

    private static string? ServiceOf(Change change) => change.Operation switch
    {
        RecreateService r => r.Service,
        ReloadService r => r.Service,
        VerifyService v => v.Service,
        RestoreSetAside r => r.Service,
        RemoveSetAside r => r.Service,
        RunPreflight p => p.Service,
        UpdateSwarmService u => u.Service,
        RollbackSwarmService b => b.Service,
        _ => null,
    };
}
