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
    string? EngineError);
