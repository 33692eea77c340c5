namespace Horadus.Core.Swarm;

/// <summary>
/// The update config Horadus writes into the service spec with the new secret references. A failed update is
/// always rolled back (Swarm's own <c>failure_action: rollback</c>), and Horadus rolls back on top of it when
/// one of its gates fails after Swarm considers the update done.
/// </summary>
public sealed record SwarmUpdateSettings(int Parallelism, TimeSpan Delay, SwarmUpdateOrder Order, TimeSpan Monitor)
{
    public static SwarmUpdateSettings Default { get; } = new(1, TimeSpan.Zero, SwarmUpdateOrder.StopFirst, TimeSpan.FromSeconds(5));
}
