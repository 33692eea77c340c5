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

    /// <summary>The plan was not approved; nothing was changed.</summary>
    Declined,
    /// <summary>A step failed; the previous release is live.</summary>
    Failed,
    /// <summary>A health gate failed and the previous release was restored.</summary>
    RolledBack,
    /// <summary>A gate failed and restoring the previous release failed too.</summary>
    RollbackFailed,
}

/// <summary>A failed health gate: which one, its last answer, and the container's last log lines.</summary>
/// <param name="Gate">The gate as a person reads it: <c>running</c>, <c>healthcheck</c>, <c>http URL</c>, <c>log</c>, ...</param>
public sealed record GateFailure(string Service, GateKind Kind, string Gate, string LastAnswer, IReadOnlyList<string> LogTail)
{
    /// <summary>Whether the failure is a verdict on the release: an engine error or an interruption says nothing about it.</summary>
    public bool JudgesRelease => Kind is not (GateKind.Engine or GateKind.Interrupted);

    public static GateFailure Engine(string service, string message) => new(service, GateKind.Engine, "recreate", message, []);

    public static GateFailure Interrupted(string service, string message) => new(service, GateKind.Interrupted, "interrupted", message, []);
}

/// <summary>What an apply reached, even a partial one.</summary>
public sealed record ApplyResult(
    ApplyStatus Status,
    IReadOnlyList<Change> Applied,
    IReadOnlyList<Diagnostic> Diagnostics,
    Change? FailedChange = null,
    string? Error = null,
    GateFailure? Gate = null,
    ReleaseStamp? Live = null,
    Plan? Plan = null)
{
    public bool Succeeded => Status is ApplyStatus.NoChanges or ApplyStatus.Applied;
}
