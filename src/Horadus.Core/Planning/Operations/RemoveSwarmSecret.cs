namespace Horadus.Core.Planning;

/// <summary>Remove a secret version that neither the current nor the previous spec of any service references.</summary>
public sealed record RemoveSwarmSecret(string SecretId, string SecretName) : Operation;
