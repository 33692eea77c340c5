namespace Horadus.Core.Services;

/// <summary>The checks a recreated service must pass before the rotation goes on, and how long they may take.</summary>
public sealed record HealthGates(
    HttpGate? Http,
    bool ContainerHealthcheck,
    TimeSpan StableFor,
    IReadOnlyList<string> LogFailurePatterns,
    TimeSpan Deadline)
{
    public static HealthGates Default { get; } = new(null, true, TimeSpan.FromSeconds(3), [], TimeSpan.FromSeconds(60));
}
