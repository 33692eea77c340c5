using Horadus.Core.Services;

namespace Horadus.Core.Desired;

/// <summary>
/// What the manifest declares, before any value is read or any owner resolved: the input of
/// <see cref="DesiredStateBuilder"/>. A null owner means the user running horadus.
/// </summary>
public sealed record DesiredSpec(
    string SecretsRoot,
    DeploymentEnvironment Environment,
    ReleaseStamp Stamp,
    IReadOnlyList<MappedFile> Mapping,
    OwnerSpec? Uid,
    OwnerSpec? Gid,
    ModePolicy Modes,
    RetentionPolicy Retention,
    IReadOnlyList<ServiceSpec> Services);
