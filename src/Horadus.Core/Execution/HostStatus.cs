using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>What <c>status</c> reports: the host, the journal's verdicts, the services' containers, what was left aside.</summary>
/// <param name="EngineError">Why the services could not be read, when they could not: the rest still stands.</param>
public sealed record HostStatus(
    ObservedSnapshot Observed,
    ReleaseLedger Ledger,
    IReadOnlyList<ObservedService> Services,
    IReadOnlyList<Diagnostic> Leftovers,
    string? EngineError)
{
    /// <summary>The swarm as the manifest's swarm services see it; empty when none is declared.</summary>
    public Swarm.SwarmSnapshot Swarm { get; init; } = Horadus.Core.Swarm.SwarmSnapshot.Empty;
}
