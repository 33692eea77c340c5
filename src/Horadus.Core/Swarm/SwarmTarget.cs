namespace Horadus.Core.Swarm;

/// <summary>A manifest service that runs as a swarm service: its secrets are swarm secrets, its rollout a service update.</summary>
/// <param name="Service">The swarm service's name (<c>docker service ls</c>), e.g. <c>horadus_api</c>.</param>
/// <param name="Uid">Owner of the secret files in the tasks (the manifest's ownership, numeric).</param>
/// <param name="Gid">Group of the secret files in the tasks.</param>
/// <param name="Mode">Mode of the secret files in the tasks (the manifest's file mode).</param>
public sealed record SwarmTarget(string Service, SwarmUpdateSettings Update, uint Uid = 0, uint Gid = 0, uint Mode = 0x1A0);
