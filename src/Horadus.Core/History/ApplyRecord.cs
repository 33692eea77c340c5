using Horadus.Core.Desired;

namespace Horadus.Core.History;

public enum ApplyOutcome
{
    /// <summary>Started, and no end was recorded: the process died or was killed.</summary>
    Interrupted,
    Succeeded,
    Failed,
    RolledBack,
}

public enum ApplyKind
{
    Apply,
    Rollback,
}

/// <summary>One line of the history kept next to the secrets root: what was applied, when, and how it ended.</summary>
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
    string? Message);
