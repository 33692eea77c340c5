namespace Horadus.Core.Swarm;

/// <summary>
/// A swarm service: the secret references of its current spec and of its previous one (what a rollback returns to),
/// its update status and its tasks. <see cref="Version"/> is the spec's index, which an update must name.
/// </summary>
/// <param name="Template">What its tasks are made from: the pre-flight's one-off container is made like them.</param>
/// <param name="LabelledRelease">The release Horadus wrote into the spec's labels at its last update; a spec whose references disagree with it was changed by hand.</param>
public sealed record ObservedSwarmService(
    string Name,
    string Id,
    ulong Version,
    IReadOnlyList<SwarmSecretReference> Current,
    IReadOnlyList<SwarmSecretReference> Previous,
    SwarmUpdateStatus UpdateStatus,
    IReadOnlyList<ObservedSwarmTask> Tasks,
    string? LabelledRelease = null,
    SwarmContainerTemplate? Template = null,
    IReadOnlyDictionary<string, string>? Labels = null);
