namespace Horadus.Core.Planning;

/// <summary>
/// Tell a service's containers that the files under <c>current</c> changed (<paramref name="Signal"/>, or nothing when the
/// app re-reads by itself), then gate on health, its log counted from the signal. The containers are not recreated.
/// </summary>
public sealed record ReloadService(string Service, IReadOnlyList<string> ContainerIds, int Wave, string? Signal) : Operation;
