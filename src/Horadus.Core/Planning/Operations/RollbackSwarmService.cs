namespace Horadus.Core.Planning;

/// <summary>Return a swarm service to its previous spec (the old secret versions), then gate on its tasks again.</summary>
public sealed record RollbackSwarmService(string Service, string SwarmService, int Wave) : Operation;
