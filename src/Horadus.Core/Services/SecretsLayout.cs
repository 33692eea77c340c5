using Horadus.Core.Desired;
using Horadus.Core.Ports;

namespace Horadus.Core.Services;

/// <summary>
/// How a container sees the secrets, the one home of the rule: the release (<c>current</c>) is bind-mounted read-only at
/// the service's mount path and each <c>NAME_FILE</c> variable names <c>MOUNT/file</c>; <c>NAME</c> itself would carry the
/// secret raw. A service that reloads mounts the whole root there instead, and its variables name <c>MOUNT/current/file</c>:
/// the relative link resolves inside the container, so a switch on the host shows at once, without a restart.
/// </summary>
public static class SecretsLayout
{
    public static string FileInContainer(ServiceSpec spec, string fileName) => $"{ReleaseInContainer(spec)}/{fileName}";

    /// <summary>Where the container sees the release it reads: the mount itself, or <c>current</c> inside the mounted root.</summary>
    public static string ReleaseInContainer(ServiceSpec spec) =>
        spec.Reload is null ? spec.MountPath.TrimEnd('/') : $"{spec.MountPath.TrimEnd('/')}/{SecretsTree.Current}";

    /// <summary>The host directory bind-mounted at the mount path: <c>current</c>, or the root for a service that reloads.</summary>
    public static string MountSource(DesiredState desired, ServiceSpec spec) =>
        spec.Reload is null ? SecretsTree.CurrentPath(desired.SecretsRoot) : desired.SecretsRoot;

    /// <summary>How the service reads its secrets, in words: what plan and status show.</summary>
    public static string Describe(ServiceSpec spec) => spec.Reload is { } reload
        ? $"reload ({reload}): the root at {spec.MountPath}, files through {ReleaseInContainer(spec)}"
        : $"recreate: current at {spec.MountPath}";

    /// <summary>The <c>*_FILE</c> variables a container of <paramref name="spec"/> must have.</summary>
    public static IReadOnlyDictionary<string, string> FileVariables(DesiredState desired, ServiceSpec spec) =>
        desired.Files.ToDictionary(f => f.Variable, f => FileInContainer(spec, f.Name), StringComparer.Ordinal);

    /// <summary>The raw variables that would carry a secret: DATABASE_URL for DATABASE_URL_FILE, and so on.</summary>
    public static IReadOnlyCollection<string> RawVariables(DesiredState desired) => RawVariables(desired.Files.Select(f => f.Variable));

    public static IReadOnlyCollection<string> RawVariables(IEnumerable<string> fileVariables) =>
        fileVariables.Select(v => v.EndsWith("_FILE", StringComparison.Ordinal) ? v[..^5] : v).ToHashSet(StringComparer.Ordinal);

    /// <summary>A replacement container: <c>current</c> (or the root) mounted where the service expects it, labelled with the release.</summary>
    public static ReplacementSpec Replacement(DesiredState desired, ServiceSpec spec) => new(
        desired.Stamp.ToString(),
        MountSource(desired, spec),
        spec.MountPath,
        FileVariables(desired, spec),
        spec.StopTimeout,
        spec.StartFirst);

    public static string ShortId(string id) => id.Length > 12 ? id[..12] : id;
}
