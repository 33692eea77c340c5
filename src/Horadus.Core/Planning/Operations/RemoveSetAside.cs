namespace Horadus.Core.Planning;

/// <summary>Remove an old container set aside whose replacement runs the proven release.</summary>
public sealed record RemoveSetAside(string Service, string ContainerId, string AsideName) : Operation;
