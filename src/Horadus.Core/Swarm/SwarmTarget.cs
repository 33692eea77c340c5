namespace Horadus.Core.Swarm;

/// <summary>A manifest service that runs as a swarm service: its secrets are swarm secrets, its rollout a service update.</summary>
/// <param name="Service">The swarm service's name (<c>docker service ls</c>), e.g. <c>horadus_api</c>.</param>
/// <param name="Update">The update config written with each rotation. The secret files in the tasks get the manifest's ownership and file mode.</param>
public sealed record SwarmTarget(string Service, SwarmUpdateSettings Update);
