using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

public enum ApplyStatus
{
    NoChanges,
    Applied,
    /// <summary>The plan had errors; nothing was changed.</summary>
    Refused,
    /// <summary>The host or the manifest moved since the plan was made; nothing was changed.</summary>
    Stale,
    /// <summary>A step failed; the previous release is live.</summary>
    Failed,
    /// <summary>A health gate failed and the previous release was restored.</summary>
    RolledBack,
    /// <summary>A gate failed and restoring the previous release failed too.</summary>
    RollbackFailed,
}

/// <summary>A failed health gate: which one, its last answer, and the container's last log lines.</summary>
public sealed record GateFailure(string Service, string Gate, string LastAnswer, IReadOnlyList<string> LogTail);

/// <summary>What an apply reached, even a partial one.</summary>
public sealed record ApplyResult(
    ApplyStatus Status,
    IReadOnlyList<Change> Applied,
    IReadOnlyList<Diagnostic> Diagnostics,
    Change? FailedChange = null,
    string? Error = null,
    GateFailure? Gate = null,
    ReleaseStamp? Live = null)
{
    public bool Succeeded => Status is ApplyStatus.NoChanges or ApplyStatus.Applied;
}
