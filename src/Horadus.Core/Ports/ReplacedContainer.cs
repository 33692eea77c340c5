namespace Horadus.Core.Ports;

/// <summary>A replacement in progress: the old container is stopped and renamed aside until the new one passes its gates.</summary>
/// <param name="OldRestartPolicy">
/// The old container's restart policy before it was set aside (an <c>always</c> one is parked at <c>no</c> meanwhile),
/// so that a restore gives it back even when the replacement that copied it is gone.
/// </param>
public sealed record ReplacedContainer(string OldId, string OriginalName, string AsideName, string NewId, ContainerRestartPolicy? OldRestartPolicy = null);
