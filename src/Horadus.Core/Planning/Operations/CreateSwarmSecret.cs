namespace Horadus.Core.Planning;

/// <summary>Create one swarm secret version from the desired value of <paramref name="File"/>, labelled with the release and its fingerprint.</summary>
public sealed record CreateSwarmSecret(string File, string SecretName, string Release) : Operation;
