using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>Why a run of steps stopped: the step, what went wrong, and the gate when one failed.</summary>
/// <param name="Judged">Whether the failure is a verdict on the release (a pre-flight or a gate said no), not an accident.</param>
public sealed record StepFailure(Change Change, string Message, GateFailure? Gate, bool Judged);
