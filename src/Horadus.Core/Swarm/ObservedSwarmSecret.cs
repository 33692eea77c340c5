namespace Horadus.Core.Swarm;

/// <summary>A swarm secret as the engine shows it: id, name and labels (the engine never gives a value back).</summary>
public sealed record ObservedSwarmSecret(string Id, string Name, IReadOnlyDictionary<string, string> Labels)
{
    public bool Managed => Labels.TryGetValue(SwarmLabels.Managed, out var v) && v == "true";

    public string? Release => Labels.GetValueOrDefault(SwarmLabels.Release);

    public string? File => Labels.GetValueOrDefault(SwarmLabels.File);

    public string? Fingerprint => Labels.GetValueOrDefault(SwarmLabels.Fingerprint);
}
