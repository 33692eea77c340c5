using Horadus.Core.Diagnostics;

namespace Horadus.Core.Planning;

/// <summary>What the services need, in the order a run does it: bring back, roll out (wave by wave), then clean up.</summary>
/// <param name="Restores">Containers set aside by an unfinished run that come back (then gated).</param>
/// <param name="Rollout">Recreates and verifications, wave by wave: every one of them is gated.</param>
/// <param name="Removals">Containers set aside whose replacement runs the target: removed once the release is proven.</param>
public sealed record ServicePlan(
    IReadOnlyList<Change> Restores,
    IReadOnlyList<Change> Rollout,
    IReadOnlyList<Change> Removals,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every change that gates containers.</summary>
    public IEnumerable<Change> Gates => Restores.Concat(Rollout);
}
