using Horadus.Core.Desired;

namespace Horadus.Core.History;

public enum ApplyOutcome
{
    /// <summary>Started, and no end was recorded: the process died or was killed.</summary>
    Interrupted,
    Succeeded,

    /// <summary>The release was judged bad (pre-flight refused it): not retried by itself.</summary>
    Failed,

    /// <summary>A health gate failed and the previous release was restored: not retried by itself.</summary>
    RolledBack,

    /// <summary>The apply stopped on an error that says nothing about the release (I/O, engine): retried by the next apply.</summary>
    Errored,
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
