using Horadus.Core.Services;

namespace Horadus.Core.Ports;

/// <summary>A one-off container (pre-flight, <c>id -u app</c>): its exit code and output (never logged: it may hold secrets).</summary>
/// <param name="LikeContainerId">
/// When set, the one-off is made like this container, as <c>docker compose run --no-deps SERVICE</c> does: its environment
/// (with <paramref name="Environment"/> on top), user, working directory, entrypoint and network mode; never its labels.
/// </param>
/// <param name="Entrypoint">
/// When set, replaces the entrypoint (the image's, or the one of <paramref name="LikeContainerId"/>), as
/// <c>docker run --entrypoint</c>: <paramref name="Command"/> becomes its arguments. An empty list resets it, as
/// <c>--entrypoint ''</c> does: <paramref name="Command"/> runs on its own. When null, the entrypoint is kept.
/// </param>
public sealed record OneOffSpec(
    string Image,
    IReadOnlyList<string> Command,
    string? User,
    IReadOnlyList<ContainerMount> Mounts,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    string? LikeContainerId = null,
    IReadOnlyList<string>? Entrypoint = null);
