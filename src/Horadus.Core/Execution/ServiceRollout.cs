using Horadus.Core.Desired;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// Rolls out the waves of a plan: recreates (reloads, or only verifies) the services of a wave in parallel, each container
/// gated before the next, keeping every old container set aside until the release is proven, so that a rollback only has
/// to bring them back (a reloaded container is reloaded again once <c>current</c> is back). A wave starts as soon as the previous one passed its gates once: the stability holds
/// (<see cref="HealthGates.StableFor"/>) go on alongside the next waves, and a failure inside any of them still fails the
/// whole rollout, whichever wave is running by then.
/// </summary>
public sealed class ServiceRollout(IContainerEngine engine, HealthGateRunner gates, IApplyObserver observer, IFaultPoints faults) : IDisposable
{
    private readonly List<ReplacedContainer> _setAside = [];
    private readonly List<Task<GateFailure?>> _steps = [];
    private readonly TaskCompletionSource<GateFailure> _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stopAll;

    /// <summary>Old containers this run stopped and renamed aside, neither removed nor restored yet.</summary>
    public IReadOnlyList<ReplacedContainer> SetAside
    {
        get
        {
            lock (_setAside)
            {
                return [.. _setAside];
            }
        }
    }

    /// <summary>
    /// Starts the services of one wave and returns once each passed its gates once, or at the first failure of the rollout
    /// (this wave's or an earlier wave's hold), which it returns after every other wait stopped. <paramref name="proven"/>
    /// is told of each step whose gates held for their whole <see cref="HealthGates.StableFor"/>, from whatever thread.
    /// </summary>
    public async Task<GateFailure?> RunWaveAsync(DesiredState desired, IReadOnlyList<Change> wave, Action<Change> proven, CancellationToken cancellationToken)
    {
        _stopAll ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var passing = new List<Task>();
        foreach (var change in wave)
        {
            var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            passing.Add(passed.Task);
            lock (_steps)
            {
                _steps.Add(RunStepAsync(desired, change, passed, proven, cancellationToken));
            }
        }

        await Task.WhenAny(Task.WhenAll(passing), _firstFailure.Task);
        if (_firstFailure.Task.IsCompleted)
        {
            return await StoppedAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>Waits for the holds still running after the last wave; returns the first failure of the rollout, if any.</summary>
    public async Task<GateFailure?> HoldsAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(AllStepsAsync(), _firstFailure.Task);
        if (_firstFailure.Task.IsCompleted)
        {
            return await StoppedAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
        await AllStepsAsync();
        return null;
    }

    /// <summary>The release is proven: the containers set aside are no longer needed. Removed all at once; the first failure is thrown once every removal ended.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(SetAside.Select(async replaced =>
        {
            await engine.CommitAsync(replaced, cancellationToken);
            lock (_setAside)
            {
                _setAside.Remove(replaced);
            }

            faults.Reach(FaultPoint.AsideRemoved);
        }));
    }

    public void Dispose() => _stopAll?.Dispose();

    private Task AllStepsAsync()
    {
        lock (_steps)
        {
            return Task.WhenAll(_steps);
        }
    }

    /// <summary>After a failure every other step was told to stop: wait until they did, so that nothing runs under a rollback.</summary>
    private async Task<GateFailure> StoppedAsync()
    {
        try
        {
            await AllStepsAsync();
        }
        catch (OperationCanceledException)
        {
            // Interrupted steps end here; the failure that stopped them is the one reported.
        }

        return await _firstFailure.Task;
    }

    private async Task<GateFailure?> RunStepAsync(DesiredState desired, Change change, TaskCompletionSource passed, Action<Change> proven, CancellationToken outer)
    {
        var stopAll = _stopAll!;
        var (service, _) = StepOf(change);
        GateFailure? failure;
        try
        {
            try
            {
                failure = await RunAsync(desired, change, () => passed.TrySetResult(), stopAll.Token);
            }
            catch (ContainerEngineException e)
            {
                failure = gates.Redactor.Redact(GateFailure.Engine(service, e.Message));
            }

            // Recorded before the step counts as done below, so that its wave sees the failure rather than a pass.
            if (failure is not null)
            {
                _firstFailure.TrySetResult(failure);
            }
        }
        catch (OperationCanceledException) when (stopAll.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            // Another step failed first; its failure is the one reported.
            return null;
        }
        finally
        {
            // A step that failed or was interrupted never passes: the failure (or the interruption) is what its wave waits on.
            passed.TrySetResult();
        }

        if (failure is not null)
        {
            await stopAll.CancelAsync();
            return failure;
        }

        faults.Reach(FaultPoint.For(FaultPoint.ServiceGated, service));
        proven(change);
        return null;
    }

    /// <summary>Replaces (reloads, or verifies) the step's containers one after the other: the next once the previous passed its gates once; then waits out every hold.</summary>
    private async Task<GateFailure?> RunAsync(DesiredState desired, Change change, Action passedOnce, CancellationToken cancellationToken)
    {
        var (service, containerIds) = StepOf(change);
        var spec = desired.Services.Single(s => s.Name == service);
        var secretVariables = SecretsLayout.RawVariables(desired);
        var holds = new List<Task<GateFailure?>>();
        foreach (var containerId in containerIds)
        {
            var gated = containerId;
            DateTimeOffset? reloadedAt = null;
            if (change.Operation is ReloadService { Restart: true })
            {
                // A container started again: gated as a start, its log and "running" counted from then.
                observer.Progress(change.Address, $"restarting container {SecretsLayout.ShortId(containerId)}");
                await engine.RestartAsync(containerId, spec.StopTimeout, cancellationToken);
                faults.Reach(FaultPoint.For(FaultPoint.ServiceReloaded, service));
            }
            else if (change.Operation is ReloadService reload)
            {
                reloadedAt = gates.Now();
                if (reload.Signal is { } signal)
                {
                    observer.Progress(change.Address, $"sending {signal} to container {SecretsLayout.ShortId(containerId)}");
                    await engine.SignalAsync(containerId, signal, cancellationToken);
                }

                faults.Reach(FaultPoint.For(FaultPoint.ServiceReloaded, service));
            }
            else if (change.Operation is RecreateService)
            {
                observer.Progress(change.Address, $"recreating container {SecretsLayout.ShortId(containerId)}");
                var replaced = await engine.ReplaceAsync(containerId, SecretsLayout.Replacement(desired, spec), cancellationToken);
                lock (_setAside)
                {
                    _setAside.Add(replaced);
                }

                gated = replaced.NewId;
            }

            var passed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            holds.Add(gates.WaitHealthyAsync(spec, gated, secretVariables, m => observer.Progress(change.Address, m), cancellationToken, () => passed.TrySetResult(), reloadedAt));
            // Until this container passes once, or any of the service's containers fails (a failed hold ends with no pass).
            while (true)
            {
                if (FirstFailure(holds) is { } failure)
                {
                    return failure;
                }

                if (passed.Task.IsCompleted)
                {
                    break;
                }

                await Task.WhenAny([passed.Task, .. holds.Where(h => !h.IsCompleted)]);
            }
        }

        passedOnce();
        foreach (var hold in holds)
        {
            if (await hold is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static (string Service, IReadOnlyList<string> ContainerIds) StepOf(Change change) => change.Operation switch
    {
        RecreateService r => (r.Service, r.ContainerIds),
        ReloadService r => (r.Service, r.ContainerIds),
        VerifyService v => (v.Service, v.ContainerIds),
        _ => throw new InvalidOperationException($"{change.Operation.GetType().Name} is not a rollout step"),
    };

    private static GateFailure? FirstFailure(IEnumerable<Task<GateFailure?>> holds) =>
        holds.Where(h => h.IsCompleted).Select(h => h.GetAwaiter().GetResult()).FirstOrDefault(f => f is not null);
}
