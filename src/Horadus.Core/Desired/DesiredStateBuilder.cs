using Horadus.Core.Diagnostics;
using Horadus.Core.Ports;

namespace Horadus.Core.Desired;

/// <summary>
/// The use case every command and the daemon share: manifest spec + values + resolved owner -> desired state. Every
/// problem is collected; nothing touches the host. Values come through <see cref="IValuesSource"/>, owners of an image
/// through the container engine, the fingerprint key through <see cref="IFingerprintKeyStore"/>.
/// </summary>
/// <param name="values">Null when the command never writes a release (rollback): every file gets an empty value, see <see cref="BuildAsync"/>.</param>
/// <param name="runningUser">The user running horadus: the owner when the manifest names none, and the owner of <c>releases/</c>.</param>
/// <param name="maxValueBytes">The size limit of one secret value.</param>
public sealed class DesiredStateBuilder(
    IValuesSource? values,
    Func<IContainerEngine> engine,
    IFingerprintKeyStore keys,
    Ownership runningUser,
    long maxValueBytes)
{
    /// <param name="root">The secrets root to use: the manifest's, or the operator's override (already a full path).</param>
    /// <remarks>
    /// Without a values source the state carries empty values: rollback switches <c>current</c> to a release already on
    /// disk and only needs the mapping's names and variables; a broken SOPS file or a lost key is exactly when a rollback
    /// is needed, so it must not depend on them. Such a state must never be used to write a release.
    /// </remarks>
    public async Task<(DesiredState? State, IReadOnlyList<Diagnostic> Diagnostics)> BuildAsync(DesiredSpec spec, string root, CancellationToken cancellationToken)
    {
        var problems = new List<Diagnostic>();
        var read = values?.Read(problems) ?? spec.Mapping.ToDictionary(m => m.File, _ => Array.Empty<byte>(), StringComparer.Ordinal);
        var bytesOf = new Dictionary<string, byte[]>(read, StringComparer.Ordinal);
        if (values is not null)
        {
            foreach (var entry in spec.Mapping.Where(m => bytesOf.ContainsKey(m.File)))
            {
                CheckSize(entry, bytesOf[entry.File], problems);
            }
        }

        if (root.Length == 0 || root.Any(char.IsControl))
        {
            // A newline would name another folder ("root\nx"), a NUL would make path handling throw.
            problems.Add(Diagnostic.Error($"the secrets root '{Escape(root)}' is not a usable path", "give a directory path without control characters"));
        }

        var uid = await ResolveAsync(spec.Uid, "ownership.uid", isGroup: false, problems, cancellationToken);
        var gid = await ResolveAsync(spec.Gid, "ownership.gid", isGroup: true, problems, cancellationToken);
        if (problems.Any(p => p.IsError) || uid is null || gid is null || spec.Mapping.Any(m => !bytesOf.ContainsKey(m.File)))
        {
            foreach (var bytes in bytesOf.Values)
            {
                Array.Clear(bytes);
            }

            return (null, problems);
        }

        root = Path.TrimEndingDirectorySeparator(root);
        var fingerprints = FingerprintKeyFor(root, bytesOf, problems);
        var files = spec.Mapping.Select(m => new DesiredFile(m.File, m.Variable, new SecretValue(bytesOf[m.File], fingerprints))).ToList();
        return (new DesiredState(root, spec.Environment, spec.Stamp, files, new Ownership(uid.Value, gid.Value), spec.Modes, spec.Retention, spec.Services, runningUser, fingerprints), problems);
    }

    private void CheckSize(MappedFile entry, byte[] bytes, List<Diagnostic> problems)
    {
        if (bytes.Length == 0)
        {
            problems.Add(Diagnostic.Error($"the value of '{entry.File}' is empty", "an empty secret would start the services with no credential", entry.Location, $"mapping.{entry.File}"));
        }
        else if (bytes.Length > maxValueBytes)
        {
            problems.Add(Diagnostic.Error(
                $"the value of '{entry.File}' is larger than {maxValueBytes / 1024 / 1024} MiB, the limit for one secret value",
                "a secret file holds a credential or a URL; check that the right key is mapped",
                entry.Location,
                $"mapping.{entry.File}"));
        }
    }

    /// <summary>
    /// The root's fingerprint key, read once for the whole command (the host's files are digested with the same one).
    /// A root without a key yet (plan never writes one; the first apply does, under its lock) gets a provisional key
    /// derived from the values, or, without values, an ephemeral one whose fingerprints are not shown.
    /// </summary>
    private FingerprintKey FingerprintKeyFor(string root, Dictionary<string, byte[]> bytesOf, List<Diagnostic> problems)
    {
        try
        {
            if (keys.Read(root) is { } key)
            {
                return key;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reported as a warning: the snapshot, read with the same ephemeral key, still compares; nothing is shown.
            problems.Add(Diagnostic.Warning(e.Message, "fingerprints are not shown until it is fixed", "root"));
            return FingerprintKey.Ephemeral();
        }

        return values is not null ? FingerprintKey.Provisional(bytesOf) : FingerprintKey.Ephemeral();
    }

    private async Task<int?> ResolveAsync(OwnerSpec? spec, string field, bool isGroup, List<Diagnostic> problems, CancellationToken cancellationToken)
    {
        switch (spec)
        {
            case null:
                return isGroup ? runningUser.Gid : runningUser.Uid;
            case NumericOwner numeric:
                return numeric.Id;
            case ImageUserOwner imageUser:
                try
                {
                    var containers = engine();
                    await containers.ConnectAsync(cancellationToken);
                    var (resolvedUid, resolvedGid) = await containers.ResolveImageUserAsync(imageUser.Image, imageUser.User, cancellationToken);
                    return isGroup ? resolvedGid : resolvedUid;
                }
                catch (ContainerEngineException e)
                {
                    problems.Add(Diagnostic.Error($"cannot resolve user '{imageUser.User}' of image {imageUser.Image}: {e.Message}", field: field));
                    return null;
                }

            default:
                throw new InvalidOperationException("unknown owner form");
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
