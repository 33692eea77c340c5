using Horadus.Core.Desired;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// Rolls out one wave: recreates (or only verifies) its services in parallel, each container gated before the next,
/// keeping every old container set aside until the release is proven, so that a rollback only has to bring them back.
/// </summary>
public sealed class ServiceRollout(IContainerEngine engine, HealthGateRunner gates, IApplyObserver observer, IFaultPoints faults)
{
    private readonly List<ReplacedContainer> _setAside = [];

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
    /// Recreates or verifies the services of one wave and waits for them; returns the first gate failure, if any. The first
    /// failure stops the others' waits at once: a failed rotation does not wait for a sibling's deadline.
    /// </summary>
    public async Task<GateFailure?> RunWaveAsync(DesiredState desired, IReadOnlyList<Change> wave, CancellationToken cancellationToken)
    {
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = wave.Select(change => RunUntilFirstFailureAsync(desired, change, firstFailure, cancellationToken)).ToList();
        var failures = await Task.WhenAll(tasks);
        return failures.FirstOrDefault(f => f is not null);
    }

    /// <summary>The release is proven: the containers set aside are no longer needed.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var replaced in SetAside)
        {
            await engine.CommitAsync(replaced, cancellationToken);
            lock (_setAside)
            {
                _setAside.Remove(replaced);
            }

            faults.Reach(FaultPoint.AsideRemoved);
        }
    }

    private async Task<GateFailure?> RunUntilFirstFailureAsync(DesiredState desired, Change change, CancellationTokenSource firstFailure, CancellationToken outer)
    {
        var service = change.Operation switch
        {
            RecreateService r => r.Service,
            VerifyService v => v.Service,
            _ => throw new InvalidOperationException($"{change.Operation.GetType().Name} is not a rollout step"),
        };
        try
        {
            var failure = await RunAsync(desired, change, firstFailure.Token);
            if (failure is not null)
            {
                await firstFailure.CancelAsync();
            }
            else
            {
                faults.Reach(FaultPoint.For(FaultPoint.ServiceGated, service));
            }

            return failure;
        }
        catch (OperationCanceledException) when (firstFailure.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            // A sibling failed first; its failure is the one reported.
            return null;
        }
        catch (ContainerEngineException e)
        {
            await firstFailure.CancelAsync();
            return gates.Redactor.Redact(GateFailure.Engine(service, e.Message));
        }
    }

    private async Task<GateFailure?> RunAsync(DesiredState desired, Change change, CancellationToken cancellationToken)
    {
        var (service, containerIds, recreate) = change.Operation switch
        {
            RecreateService r => (r.Service, r.ContainerIds, true),
            VerifyService v => (v.Service, v.ContainerIds, false),
            _ => throw new InvalidOperationException($"{change.Operation.GetType().Name} is not a rollout step"),
        };
        var spec = desired.Services.Single(s => s.Name == service);
        var secretVariables = SecretsLayout.RawVariables(desired);
        foreach (var containerId in containerIds)
        {
            var gated = containerId;
            if (recreate)
            {
                observer.Progress(change.Address, $"recreating container {SecretsLayout.ShortId(containerId)}");
                var replaced = await engine.ReplaceAsync(containerId, SecretsLayout.Replacement(desired, spec), cancellationToken);
                lock (_setAside)
                {
                    _setAside.Add(replaced);
                }

                gated = replaced.NewId;
            }

            var failure = await gates.WaitHealthyAsync(spec, gated, secretVariables, m => observer.Progress(change.Address, m), cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }
}
