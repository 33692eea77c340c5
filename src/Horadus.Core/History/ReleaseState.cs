namespace Horadus.Core.History;

/// <summary>
/// Where a release stands in its lifecycle, from the journal and the host together:
/// <code>
/// Absent --CreateRelease--> Written --SwitchCurrent--> LiveUnproven --gates pass--> Proven
///                                                          |                         |
///                                                          +--gate fails--> Failed   +--retention--> Pruned
/// Failed --only an operator (--retry-failed, rollback --to)--> LiveUnproven
/// </code>
/// Every transition is journaled before the action it licenses: the run's start before the release is written and
/// switched, the verdict <see cref="ApplyOutcome.Failed"/> before a rollback starts, <see cref="ApplyOutcome.Succeeded"/>
/// before the containers set aside are removed and old releases pruned. A run started after a kill at any instant reads
/// the state and finishes the job: it re-gates a live unproven release, completes a rollback, repairs set-aside containers.
/// </summary>
public enum ReleaseState
{
    /// <summary>Not on the host, and the journal does not know it.</summary>
    Absent,

    /// <summary>On the host, not live, never judged.</summary>
    Written,

    /// <summary><c>current</c> names it, and no verdict has been journaled yet.</summary>
    LiveUnproven,

    /// <summary>It went live and passed every gate.</summary>
    Proven,

    /// <summary>Judged bad: not made live again without an operator.</summary>
    Failed,

    /// <summary>Known to the journal, no longer on the host.</summary>
    Pruned,
}
