using Horadus.Core.Desired;
using Horadus.Core.Ports;

namespace Horadus.Core.Services;

/// <summary>
/// How a container sees the secrets, the one home of the rule: the release is bind-mounted read-only at the service's
/// mount path and each <c>NAME_FILE</c> variable names <c>MOUNT/file</c>; <c>NAME</c> itself would carry the secret raw.
/// </summary>
public static class SecretsLayout
{
    public static string FileInContainer(ServiceSpec spec, string fileName) => $"{spec.MountPath.TrimEnd('/')}/{fileName}";

    /// <summary>The <c>*_FILE</c> variables a container of <paramref name="spec"/> must have.</summary>
    public static IReadOnlyDictionary<string, string> FileVariables(DesiredState desired, ServiceSpec spec) =>
        desired.Files.ToDictionary(f => f.Variable, f => FileInContainer(spec, f.Name), StringComparer.Ordinal);

    /// <summary>The raw variables that would carry a secret: DATABASE_URL for DATABASE_URL_FILE, and so on.</summary>
    public static IReadOnlyCollection<string> RawVariables(DesiredState desired) => RawVariables(desired.Files.Select(f => f.Variable));

    public static IReadOnlyCollection<string> RawVariables(IEnumerable<string> fileVariables) =>
        fileVariables.Select(v => v.EndsWith("_FILE", StringComparison.Ordinal) ? v[..^5] : v).ToHashSet(StringComparer.Ordinal);

    /// <summary>A replacement container: <c>current</c> mounted where the service expects it, labelled with the release.</summary>
    public static ReplacementSpec Replacement(DesiredState desired, ServiceSpec spec) => new(
        desired.Stamp.ToString(),
        SecretsTree.CurrentPath(desired.SecretsRoot),
        spec.MountPath,
        FileVariables(desired, spec),
        spec.StopTimeout,
        spec.StartFirst);

    public static string ShortId(string id) => id.Length > 12 ? id[..12] : id;
}
