namespace Horadus.Core.Swarm;

/// <summary>One task of a service that the orchestrator wants running.</summary>
/// <param name="SecretNames">The secrets the task's own spec references: tells a task of the new spec from an old one.</param>
/// <param name="Healthy">Its HEALTHCHECK: true healthy, false unhealthy, null none or still starting.</param>
/// <param name="Since">When the task reached its state: a failure older than the update belongs to an earlier attempt.</param>
/// <param name="HasHealthcheck">Whether the task's container has a HEALTHCHECK at all.</param>
public sealed record ObservedSwarmTask(
    string Id,
    string NodeId,
    SwarmTaskState State,
    IReadOnlyList<string> SecretNames,
    bool HasHealthcheck,
    bool? Healthy,
    string? Message = null,
    DateTimeOffset? Since = null);
