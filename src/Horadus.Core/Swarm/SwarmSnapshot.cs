namespace Horadus.Core.Swarm;

/// <summary>What the swarm looks like to Horadus: whether it may manage it, the manifest's services, every secret with our labels or names.</summary>
public sealed record SwarmSnapshot(bool IsManager, IReadOnlyList<ObservedSwarmService> Services, IReadOnlyList<ObservedSwarmSecret> Secrets)
{
    public static SwarmSnapshot Empty { get; } = new(false, [], []);

    public ObservedSwarmService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    public ObservedSwarmSecret? Secret(string name) => Secrets.FirstOrDefault(s => s.Name == name);
}
