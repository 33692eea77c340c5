namespace Horadus.Core.Ports;

/// <summary>A restart policy in the engine's words (<c>no</c>, <c>always</c>, <c>on-failure</c>, <c>unless-stopped</c>).</summary>
public sealed record ContainerRestartPolicy(string Name, long MaximumRetryCount);
