namespace Horadus.Core.Swarm;

/// <summary>A manifest service that runs as a swarm service: its secrets are swarm secrets, its rollout a service update.</summary>
/// <param name="Service">The swarm service's name (<c>docker service ls</c>), e.g. <c>horadus_api</c>.</param>
/// <param name="Update">The update config written with each rotation. The secret files in the tasks get the manifest's ownership and file mode.</param>
public sealed record SwarmTarget(string Service, SwarmUpdateSettings Update)
{
    /// <summary>
    /// Instead of a name: the labels of the one swarm service meant (<c>docker service ls --filter label=...</c>).
    /// <see cref="Service"/> is then empty; <see cref="SwarmSnapshot.Find"/> resolves it against what the manager has.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>How the manifest names it, for messages: the name, or the label selector.</summary>
    public string Describe() => Labels is { } labels
        ? "labels " + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
        : Service;

    public bool Equals(SwarmTarget? other) =>
        other is not null && Service == other.Service && Update == other.Update && Describe() == other.Describe();

    public override int GetHashCode() => HashCode.Combine(Service, Update, Describe());
}
