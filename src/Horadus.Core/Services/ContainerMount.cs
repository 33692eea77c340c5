namespace Horadus.Core.Services;

/// <summary>A bind mount of a container, with the host directory it really shows (symlinks resolved when it started).</summary>
public sealed record ContainerMount(string Source, string Destination, bool ReadOnly, string? ResolvedSource);
