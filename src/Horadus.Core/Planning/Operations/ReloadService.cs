namespace Horadus.Core.Planning;

/// <summary>
/// Tell a service's containers that the files under <c>current</c> changed (<paramref name="Signal"/>, or nothing when the
/// app re-reads by itself), then gate on health, its log counted from the signal. The containers are not recreated.
/// With <paramref name="Restart"/>, they are restarted instead (stop, start: the same container), which makes any app read
/// its files again: for a container that may hold an unknown release.
/// </summary>
public sealed record ReloadService(string Service, IReadOnlyList<string> ContainerIds, int Wave, string? Signal, bool Restart = false) : Operation;
