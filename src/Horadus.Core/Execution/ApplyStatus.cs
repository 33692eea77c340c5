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
