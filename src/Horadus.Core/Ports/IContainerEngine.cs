using Horadus.Core.Services;

namespace Horadus.Core.Ports;

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

    /// <summary>Sends <paramref name="signal"/> (SIGHUP, ...) to the container's main process, as <c>docker kill --signal</c> does.</summary>
    Task SignalAsync(string containerId, string signal, CancellationToken cancellationToken);

    /// <summary>Stops the container (SIGTERM, then SIGKILL after <paramref name="stopTimeout"/>) and starts it again, as <c>docker restart</c>.</summary>
    Task RestartAsync(string containerId, TimeSpan stopTimeout, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="tail"/> lines of stdout and stderr since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<string>> LogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken);

    Task<OneOffResult> RunOneOffAsync(OneOffSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves a user of an image to numbers, as the runbook does with <c>docker run --rm --entrypoint id IMAGE -u app</c>:
    /// the image's entrypoint never runs.
    /// </summary>
    Task<(int Uid, int Gid)> ResolveImageUserAsync(string image, string user, CancellationToken cancellationToken);
}
