namespace Horadus.Core.Planning;

/// <summary>Point a swarm service's secret references at the release's versions (one service update), then gate on its tasks.</summary>
/// <param name="Version">The spec version the plan saw: the engine refuses the update if someone changed the service since.</param>
public sealed record UpdateSwarmService(string Service, string SwarmService, ulong Version, string Release, int Wave) : Operation;
