using Horadus.Core.Swarm;

namespace Horadus.Core.Services;

/// <summary>
/// A service that consumes the secrets through a read-only bind mount of <c>current</c> (recreated on a rotation) or, with
/// <see cref="Reload"/>, of the whole secrets root (reloaded in place).
/// </summary>
public sealed record ServiceSpec(
    string Name,
    ContainerSelector Selector,
    string MountPath,
    TimeSpan StopTimeout,
    IReadOnlyList<string> After,
    HealthGates Health,
    PreflightCommand? Preflight)
{
    /// <summary>Set when the service is a swarm service: its secrets become swarm secrets, its rollout a service update.</summary>
    public SwarmTarget? Swarm { get; init; }

    /// <summary>
    /// <c>order: start-first</c>: each replacement is started before the old container stops, so the service never has
    /// none running. Only for a service that listens on no port (two instances would fight for it) and is no singleton.
    /// </summary>
    public bool StartFirst { get; init; }

    /// <summary>Set when a rotation reloads the service's containers in place instead of recreating them.</summary>
    public ReloadStrategy? Reload { get; init; }
}
