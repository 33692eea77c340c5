using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;

namespace Horadus.Core.Swarm;

/// <summary>What the swarm side of a plan does: secrets to create, services to update, secrets to remove, and what was found.</summary>
public sealed record SwarmPlan(
    IReadOnlyList<Change> Creates,
    IReadOnlyList<Change> Updates,
    IReadOnlyList<Change> Removes,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<Change> Changes => Creates.Concat(Updates).Concat(Removes);
}
