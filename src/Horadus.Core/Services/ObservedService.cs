using Horadus.Core.Desired;

namespace Horadus.Core.Services;

public enum ContainerState
{
    Created,
    Running,
    Restarting,
    Paused,
    Exited,
    Dead,
    Unknown,
}

public enum ContainerHealth
{
    /// <summary>The image declares no HEALTHCHECK.</summary>
    None,
    Starting,
    Healthy,
    Unhealthy,
}

/// <summary>A bind mount of a container, with the host directory it really shows (symlinks resolved when it started).</summary>
public sealed record ContainerMount(string Source, string Destination, bool ReadOnly, string? ResolvedSource);

/// <summary>
/// One container as the engine reports it. Environment values are never kept: only names, and which look like raw secrets.
/// <see cref="ExitCode"/> is the code of its last exit, when it has exited since it was created.
/// </summary>
public sealed record ObservedContainer(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    ContainerHealth Health,
    int RestartCount,
    DateTimeOffset? StartedAt,
    IReadOnlyList<ContainerMount> Mounts,
    IReadOnlyDictionary<string, string> FileVariables,
    IReadOnlyList<string> RawSecretVariables,
    IReadOnlyDictionary<string, string> Labels,
    long? ExitCode = null)
{
    public const string ReleaseLabel = "horadus.release";
    public const string ManagedLabel = "horadus.managed";

    /// <summary>The release recorded by Horadus when it created this container, if it did.</summary>
    public ReleaseStamp? LabelledRelease =>
        Labels.TryGetValue(ReleaseLabel, out var value) && ReleaseStamp.TryParse(value, out var stamp) ? stamp : null;
}

/// <summary>The containers found for one service of the manifest.</summary>
public sealed record ObservedService(string Name, IReadOnlyList<ObservedContainer> Containers);
