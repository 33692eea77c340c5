namespace Horadus.Core.Swarm;

/// <summary>Where a task is in its life, reduced to what the gate needs.</summary>
public enum SwarmTaskState
{
    Pending,
    Starting,
    Running,
    Failed,
    Stopped,
}
