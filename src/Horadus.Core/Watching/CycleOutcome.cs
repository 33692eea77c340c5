using Horadus.Core.Drift;

namespace Horadus.Core.Watching;

/// <summary>What one cycle of the daemon saw and did: the state, the drift counted by kind, the live release, and why.</summary>
public sealed record CycleOutcome(
    CycleState State,
    DateTimeOffset At,
    TimeSpan Took,
    IReadOnlyDictionary<DriftKind, int> Drift,
    string? Live,
    string? Revision,
    bool Suspended,
    string? Message);
