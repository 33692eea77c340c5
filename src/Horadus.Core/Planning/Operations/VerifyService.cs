namespace Horadus.Core.Planning;

/// <summary>Gate containers that already run the target release but were never proven on it (an apply died before its verdict).</summary>
public sealed record VerifyService(string Service, IReadOnlyList<string> ContainerIds, int Wave) : Operation;
