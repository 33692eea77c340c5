using Horadus.Core.Desired;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// Recreates services wave by wave (a wave starts when the one before it is healthy; services of one wave in
/// parallel), keeping each old container aside until every gate passed, so that a rollback only has to bring
/// the old containers back.
/// </summary>
public sealed class ServiceRollout(IContainerEngine engine, HealthGateRunner gates, IApplyObserver observer)
{
    /// <summary>The "gate" of a failure of the engine while recreating: it says nothing about the release.</summary>
    public const string RecreateGate = "recreate";

    /// <summary>The "gate" of an apply interrupted while services were being recreated: it says nothing about the release either.</summary>
    public const string InterruptedGate = "interrupted";

    private readonly List<(ServiceSpec Spec, ReplacedContainer Replaced)> _touched = [];

    public IReadOnlyList<string> TouchedServices => _touched.Select(t => t.Spec.Name).Distinct().ToList();

    /// <summary>
    /// Recreates the services of one wave and waits for them; returns the first gate failure, if any. The first failure
    /// stops the others' waits at once (their replacements are kept in <see cref="TouchedServices"/> for the rollback):
    /// a failed rotation does not wait for a sibling's deadline.
    /// </summary>
    public async Task<GateFailure?> RunWaveAsync(DesiredState desired, IReadOnlyList<(Change Change, RecreateService Operation)> wave, CancellationToken cancellationToken)
    {
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = wave.Select(item => RecreateUntilFirstFailureAsync(desired, item.Change, item.Operation, firstFailure, cancellationToken)).ToList();
        var failures = await Task.WhenAll(tasks);
        return failures.FirstOrDefault(f => f is not null);
    }

    private async Task<GateFailure?> RecreateUntilFirstFailureAsync(
        DesiredState desired, Change change, RecreateService operation, CancellationTokenSource firstFailure, CancellationToken outer)
    {
        try
        {
            var failure = await RecreateAsync(desired, change, operation, firstFailure.Token);
            if (failure is not null)
            {
                await firstFailure.CancelAsync();
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
            return gates.Redactor.Redact(new GateFailure(operation.Service, RecreateGate, e.Message, []));
        }
    }

    private async Task<GateFailure?> RecreateAsync(DesiredState desired, Change change, RecreateService operation, CancellationToken cancellationToken)
    {
        var spec = desired.Services.Single(s => s.Name == operation.Service);
        var secretVariables = SecretVariables(desired);
        var replacement = new ReplacementSpec(
            desired.Stamp.ToString(),
            Path.Combine(desired.SecretsRoot, "current"),
            spec.MountPath,
            desired.Files.ToDictionary(f => f.Variable, f => $"{spec.MountPath.TrimEnd('/')}/{f.Name}"),
            spec.StopTimeout);

        foreach (var containerId in operation.ContainerIds)
        {
            observer.Progress(change.Address, $"recreating container {containerId[..Math.Min(12, containerId.Length)]}");
            var replaced = await engine.ReplaceAsync(containerId, replacement, cancellationToken);
            lock (_touched)
            {
                _touched.Add((spec, replaced));
            }

            var failure = await gates.WaitHealthyAsync(spec, replaced.NewId, secretVariables, m => observer.Progress(change.Address, m), cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>Every gate passed: the containers set aside are no longer needed.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, replaced) in _touched)
        {
            await engine.CommitAsync(replaced, cancellationToken);
        }

        _touched.Clear();
    }

    /// <summary>
    /// Brings back the old containers (they mount <c>current</c>, which already points back), all of them first so that
    /// the services are down as briefly as possible, then checks them again, in parallel.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var secretVariables = SecretVariables(desired);
        var restored = new List<(ServiceSpec Spec, ReplacedContainer Replaced)>();
        foreach (var (spec, replaced) in Enumerable.Reverse(_touched).ToList())
        {
            try
            {
                observer.Progress(Addresses.Service(spec.Name), $"rolling back: restoring {replaced.OriginalName}");
                await engine.RestoreAsync(replaced, spec.StopTimeout, cancellationToken);
                restored.Add((spec, replaced));
            }
            catch (ContainerEngineException e)
            {
                problems.Add(gates.Redactor.Redact($"{spec.Name}: could not restore {replaced.OriginalName}: {e.Message}"));
            }
        }

        var checks = restored.Select(async item =>
        {
            var address = Addresses.Service(item.Spec.Name);
            try
            {
                var failure = await gates.WaitHealthyAsync(item.Spec, item.Replaced.OldId, secretVariables, m => observer.Progress(address, "rollback: " + m), cancellationToken);
                return failure is null ? null : $"{item.Spec.Name}: not healthy after rollback: {failure.Gate}: {failure.LastAnswer}";
            }
            catch (ContainerEngineException e)
            {
                return gates.Redactor.Redact($"{item.Spec.Name}: could not check {item.Replaced.OriginalName} after rollback: {e.Message}");
            }
        });
        problems.AddRange((await Task.WhenAll(checks)).OfType<string>());

        _touched.Clear();
        return problems;
    }

    /// <summary>The raw variables that would carry a secret: DATABASE_URL for DATABASE_URL_FILE, and so on.</summary>
    public static IReadOnlyCollection<string> SecretVariables(DesiredState desired) =>
        SecretVariables(desired.Files.Select(f => f.Variable));

    /// <summary>For each *_FILE variable, the raw variable that would carry the secret itself (DATABASE_URL for DATABASE_URL_FILE).</summary>
    public static IReadOnlyCollection<string> SecretVariables(IEnumerable<string> fileVariables) =>
        fileVariables.Select(v => v.EndsWith("_FILE", StringComparison.Ordinal) ? v[..^5] : v).ToHashSet(StringComparer.Ordinal);
}
