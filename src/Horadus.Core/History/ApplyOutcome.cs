namespace Horadus.Core.History;

/// <summary>How a run ended, as the history says it (the last line of a run wins).</summary>
public enum ApplyOutcome
{
    /// <summary>Started, and no end was recorded: the process died or was killed. The next run finishes the job.</summary>
    Interrupted,

    /// <summary>Every gate passed: the release is proven.</summary>
    Succeeded,

    /// <summary>
    /// The release was judged bad (pre-flight refused it, or a gate failed). Written before a rollback starts, so a run
    /// killed during the rollback keeps the verdict; not retried by itself.
    /// </summary>
    Failed,

    /// <summary>A gate failed and the last good release was restored: not retried by itself.</summary>
    RolledBack,

    /// <summary>The run stopped on an error that says nothing about the release (I/O, engine): retried by the next apply.</summary>
    Errored,
}
