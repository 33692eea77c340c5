namespace Horadus.Core.Swarm;

/// <summary>Swarm's update status of a service (<c>UpdateStatus.State</c>), or None when it was never updated.</summary>
public enum SwarmUpdateStatus
{
    None,
    Updating,
    Paused,
    Completed,
    RollbackStarted,
    RollbackPaused,
    RollbackCompleted,
}
