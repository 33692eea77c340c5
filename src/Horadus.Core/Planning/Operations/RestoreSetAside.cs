namespace Horadus.Core.Planning;

/// <summary>
/// Bring back an old container an unfinished apply set aside: remove its replacement (if any), give it its name back,
/// start it (it mounts what <c>current</c> names then), and gate on it.
/// </summary>
public sealed record RestoreSetAside(string Service, string ContainerId, string AsideName, string OriginalName, string? ReplacementId) : Operation;
