using Horadus.Core.Services;

namespace Horadus.Core.Ports;

/// <summary>The engine's identity once connected: versions, and the API version both sides agreed on.</summary>
public sealed record EngineInfo(string Endpoint, string ServerVersion, string ApiVersion, string OperatingSystem);

/// <summary>What a new container differs in from the one it replaces.</summary>
/// <param name="Release">Value of the <c>horadus.release</c> label on the new container.</param>
/// <param name="MountSource">Host path bound read-only at <paramref name="MountPath"/> (the <c>current</c> link).</param>
/// <param name="FileVariables">The <c>*_FILE</c> variables the new container must have (others are kept as they were).</param>
public sealed record ReplacementSpec(
    string Release,
    string MountSource,
    string MountPath,
    IReadOnlyDictionary<string, string> FileVariables,
    TimeSpan StopTimeout);

/// <summary>A restart policy in the engine's words (<c>no</c>, <c>always</c>, <c>on-failure</c>, <c>unless-stopped</c>).</summary>
public sealed record ContainerRestartPolicy(string Name, long MaximumRetryCount);

/// <summary>A replacement in progress: the old container is stopped and renamed aside until the new one passes its gates.</summary>
/// <param name="OldRestartPolicy">
/// The old container's restart policy before it was set aside (an <c>always</c> one is parked at <c>no</c> meanwhile),
/// so that a restore gives it back even when the replacement that copied it is gone.
/// </param>
public sealed record ReplacedContainer(string OldId, string OriginalName, string AsideName, string NewId, ContainerRestartPolicy? OldRestartPolicy = null);

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

public sealed record OneOffResult(long ExitCode, string Output, bool TimedOut);

/// <summary>The engine is unreachable or refused us; the message says where we looked and what to check.</summary>
public sealed class ContainerEngineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The narrow port to a container engine. Adapters keep their client library's types to themselves.
/// All methods throw <see cref="ContainerEngineException"/> with a readable message on engine errors.
/// </summary>
public interface IContainerEngine
{
    /// <summary>Connects and negotiates the API version with the daemon.</summary>
    Task<EngineInfo> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Containers (running or not) whose labels include every label of the selector, including containers Horadus set aside, flagged <see cref="ObservedContainer.SetAside"/> and listed after the others.
    /// <paramref name="secretVariables"/> names the raw variables that would carry a secret (DATABASE_URL, ...):
    /// a container that has one of them with a non-empty value lists it in <see cref="ObservedContainer.RawSecretVariables"/>.
    /// </summary>
    Task<IReadOnlyList<ObservedContainer>> FindAsync(ContainerSelector selector, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken);

    Task<ObservedContainer> InspectAsync(string containerId, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken);

    /// <summary>Stops and renames the old container aside, creates the new one from its configuration plus <paramref name="spec"/>, starts it.</summary>
    Task<ReplacedContainer> ReplaceAsync(string containerId, ReplacementSpec spec, CancellationToken cancellationToken);

    /// <summary>The new container passed its gates: remove the one set aside.</summary>
    Task CommitAsync(ReplacedContainer replaced, CancellationToken cancellationToken);

    /// <summary>Undo a replacement: remove the new container, rename the old one back, start it again.</summary>
    Task RestoreAsync(ReplacedContainer replaced, TimeSpan stopTimeout, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="tail"/> lines of stdout and stderr since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<string>> LogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken);

    Task<OneOffResult> RunOneOffAsync(OneOffSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves a user of an image to numbers, as the runbook does with <c>docker run --rm --entrypoint id IMAGE -u app</c>:
    /// the image's entrypoint never runs.
    /// </summary>
    Task<(int Uid, int Gid)> ResolveImageUserAsync(string image, string user, CancellationToken cancellationToken);
}
