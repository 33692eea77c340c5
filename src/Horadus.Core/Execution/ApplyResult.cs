using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

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
