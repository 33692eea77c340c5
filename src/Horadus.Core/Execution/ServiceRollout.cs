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
    private readonly List<(ServiceSpec Spec, ReplacedContainer Replaced)> _touched = [];

    public IReadOnlyList<string> TouchedServices => _touched.Select(t => t.Spec.Name).Distinct().ToList();

    /// <summary>Recreates the services of one wave and waits for them; returns the first gate failure, if any.</summary>
    public async Task<GateFailure?> RunWaveAsync(DesiredState desired, IReadOnlyList<(Change Change, RecreateService Operation)> wave, CancellationToken cancellationToken)
    {
        var tasks = wave.Select(item => RecreateAsync(desired, item.Change, item.Operation, cancellationToken)).ToList();
        var failures = await Task.WhenAll(tasks);
        return failures.FirstOrDefault(f => f is not null);
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

    /// <summary>Brings back the old containers (they mount <c>current</c>, which already points back) and checks them again.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var secretVariables = SecretVariables(desired);
        foreach (var (spec, replaced) in Enumerable.Reverse(_touched).ToList())
        {
            var address = Addresses.Service(spec.Name);
            try
            {
                observer.Progress(address, $"rolling back: restoring {replaced.OriginalName}");
                await engine.RestoreAsync(replaced, spec.StopTimeout, cancellationToken);
                var failure = await gates.WaitHealthyAsync(spec, replaced.OldId, secretVariables, m => observer.Progress(address, "rollback: " + m), cancellationToken);
                if (failure is not null)
                {
                    problems.Add($"{spec.Name}: not healthy after rollback: {failure.Gate}: {failure.LastAnswer}");
                }
            }
            catch (ContainerEngineException e)
            {
                problems.Add($"{spec.Name}: could not restore {replaced.OriginalName}: {e.Message}");
            }
        }

        _touched.Clear();
        return problems;
    }

    /// <summary>The raw variables that would carry a secret: DATABASE_URL for DATABASE_URL_FILE, and so on.</summary>
    public static IReadOnlyCollection<string> SecretVariables(DesiredState desired) =>
        desired.Files.Select(f => f.Variable.EndsWith("_FILE", StringComparison.Ordinal) ? f.Variable[..^5] : f.Variable).ToHashSet(StringComparer.Ordinal);
}
