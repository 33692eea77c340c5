namespace Horadus.Core.Swarm;

/// <summary>What the swarm looks like to Horadus: whether it may manage it, the manifest's services, every secret with our labels or names.</summary>
public sealed record SwarmSnapshot(bool IsManager, IReadOnlyList<ObservedSwarmService> Services, IReadOnlyList<ObservedSwarmSecret> Secrets)
{
    public static SwarmSnapshot Empty { get; } = new(false, [], []);

    public ObservedSwarmService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    public ObservedSwarmSecret? Secret(string name) => Secrets.FirstOrDefault(s => s.Name == name);

    /// <summary>The one swarm service <paramref name="target"/> means, by name or by labels; else null and why.</summary>
    public ObservedSwarmService? Find(SwarmTarget target, out string? problem)
    {
        if (target.Labels is not { } labels)
        {
            var named = Service(target.Service);
            problem = named is null ? $"no swarm service named '{target.Service}'" : null;
            return named;
        }

        var matching = Services.Where(s => labels.All(l => s.Labels?.GetValueOrDefault(l.Key) == l.Value)).ToList();
        problem = matching.Count switch
        {
            1 => null,
            0 => $"no swarm service has the {target.Describe()}",
            _ => $"{matching.Count} swarm services have the {target.Describe()} ({string.Join(", ", matching.Select(s => s.Name).Order(StringComparer.Ordinal))}): one manifest service is one swarm service",
        };
        return matching.Count == 1 ? matching[0] : null;
    }
}
