using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>What <see cref="PlanExecutor"/> did: the steps carried out, and the failure that stopped it, if one did.</summary>
public sealed record StepsResult(IReadOnlyList<Change> Applied, StepFailure? Failure, IReadOnlyList<Diagnostic> Warnings)
{
    public bool Switched => Applied.Any(c => c.Operation is SwitchCurrent);
}
