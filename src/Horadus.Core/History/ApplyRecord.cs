using System.Text.Json.Serialization;
using Horadus.Core.Desired;

namespace Horadus.Core.History;

/// <summary>One line of the history kept next to the secrets root: what was applied, when, and how it ended.</summary>
/// <param name="Stamp">The release this run makes live (its target), which is not always the manifest's: a failed one is not retried.</param>
/// <param name="Previous">The last good release when the run started: where a failed gate goes back to.</param>
/// <param name="ByOperator">
/// True when a person asked for this very release (<c>--retry-failed</c>, <c>rollback --to</c>): only such a run may make a
/// release that failed before live and good again.
/// </param>
/// <param name="Incomplete">
/// True when the run ended without the host where it meant to leave it: its rollback did not complete. Such a run is not
/// settled (<see cref="ReleaseLedger.UnsettledSince"/>), like one that never ended.
/// </param>
public sealed record ApplyRecord(
    string Id,
    ApplyKind Kind,
    ReleaseStamp Stamp,
    ReleaseStamp? Previous,
    string? Revision,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ApplyOutcome Outcome,
    int Changes,
    string? Message,
    bool ByOperator = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Incomplete = false);
