namespace Horadus.Core.Ports;

/// <summary>
/// The names of the fault points, one place for the executor, the engine adapter and the kill harness. Service points
/// end in the service's name (<c>service-recreated:api</c>), so a harness can kill between two services of one wave.
/// </summary>
public static class FaultPoint
{
    public const string RunJournaled = "run-journaled";
    public const string ReleaseWritten = "release-written";
    public const string PreflightPassed = "preflight-passed";
    public const string CurrentSwitched = "current-switched";
    public const string ContainerRenamed = "container-renamed";
    public const string ContainerStopped = "container-stopped";
    public const string ContainerCreated = "container-created";
    public const string ContainerStarted = "container-started";
    public const string ServiceGated = "service-gated";
    public const string ServiceReloaded = "service-reloaded";
    public const string VerdictFailedJournaled = "verdict-failed-journaled";
    public const string RollbackSwitched = "rollback-switched";
    public const string ReplacementRemoved = "replacement-removed";
    public const string ContainerRestored = "container-restored";
    public const string VerdictProvenJournaled = "verdict-proven-journaled";
    public const string AsideRemoved = "aside-removed";
    public const string ReleasePruned = "release-pruned";
    public const string SwarmSecretCreated = "swarm-secret-created";
    public const string SwarmServiceUpdated = "swarm-service-updated";
    public const string SwarmServiceRolledBack = "swarm-service-rolled-back";
    public const string SwarmSecretRemoved = "swarm-secret-removed";

    /// <summary>Every point a swarm rotation reaches, in order: created, updated, the verdict, the removal of old versions.</summary>
    public static IReadOnlyList<string> SwarmPoints { get; } =
        [RunJournaled, ReleaseWritten, SwarmSecretCreated, CurrentSwitched, SwarmServiceUpdated, VerdictProvenJournaled, SwarmSecretRemoved];

    public static string For(string point, string service) => $"{point}:{service}";

    /// <summary>Every point an apply on the happy path reaches, in order (service points without their suffix).</summary>
    public static IReadOnlyList<string> RotationPoints { get; } =
        [RunJournaled, ReleaseWritten, PreflightPassed, CurrentSwitched, ContainerRenamed, ContainerStopped, ContainerCreated, ContainerStarted, ServiceGated, VerdictProvenJournaled, AsideRemoved];

    /// <summary>Every point a rotation of services that reload reaches, in order (service points without their suffix).</summary>
    public static IReadOnlyList<string> ReloadPoints { get; } =
        [RunJournaled, ReleaseWritten, PreflightPassed, CurrentSwitched, ServiceReloaded, ServiceGated, VerdictProvenJournaled];

    /// <summary>The points only a failed gate reaches: the verdict and each step of the rollback.</summary>
    public static IReadOnlyList<string> RollbackPoints { get; } =
        [VerdictFailedJournaled, RollbackSwitched, ReplacementRemoved, ContainerRestored];
}
