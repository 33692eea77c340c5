namespace Horadus.Core.Planning;

/// <summary>
/// Return a swarm service from the failed release to its previous spec (the old secret versions), then gate on its tasks
/// again. When Swarm already rolled it back itself (<c>failure_action: rollback</c>), only the gate runs.
/// </summary>
public sealed record RollbackSwarmService(string Service, string SwarmService, string FailedRelease, int Wave) : Operation;
