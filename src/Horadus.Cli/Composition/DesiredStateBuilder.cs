using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Host.Posix;
using Horadus.Host.State;
using Horadus.Manifest;
using Horadus.Shared;

namespace Horadus.Cli.Composition;

/// <summary>Manifest + values + resolved owner -> desired state. Every problem is collected; nothing touches the host.</summary>
internal sealed class DesiredStateBuilder(CliContext context, Func<IContainerEngine> engineFactory)
{
    /// <param name="readValues">
    /// False when the command never writes a release: the values source (SOPS file or directory) is not read, and every
    /// <see cref="DesiredFile"/> gets an empty <see cref="SecretValue"/>. Rollback switches <c>current</c> to a release
    /// already on disk and only needs the mapping's names and variables; a broken new SOPS file or a lost age key is
    /// exactly when a rollback is needed, so it must not depend on them. Such a state must never be used to write a release.
    /// </param>
    public async Task<(DesiredState? State, IReadOnlyList<Diagnostic> Diagnostics)> BuildAsync(
        ManifestDocument manifest,
        string? rootOverride,
        string? ageKeyFile,
        CancellationToken cancellationToken,
        bool readValues = true)
    {
        var problems = new List<Diagnostic>();
        var values = !readValues
            ? manifest.Mapping.ToDictionary(m => m.File, _ => Array.Empty<byte>(), StringComparer.Ordinal)
            : manifest.Source switch
            {
                DirectorySource directory => DirectoryValues.Read(directory, manifest.Mapping, problems),
                SopsSource sops => SopsValues.Read(sops, manifest.Mapping, ageKeyFile, context.Environment, problems),
                _ => throw new InvalidOperationException("unknown values source"),
            };

        foreach (var entry in manifest.Mapping)
        {
            if (!readValues || !values.TryGetValue(entry.File, out var bytes))
            {
                continue;
            }

            if (bytes.Length == 0)
            {
                problems.Add(Diagnostic.Error($"the value of '{entry.File}' is empty", "an empty secret would start the services with no credential", entry.Location, $"mapping.{entry.File}"));
            }
            else if (bytes.Length > InputLimits.Value)
            {
                problems.Add(Diagnostic.Error(
                    $"the value of '{entry.File}' is larger than {InputLimits.Describe(InputLimits.Value)}, the limit for one secret value",
                    "a secret file holds a credential or a URL; check that the right key is mapped",
                    entry.Location,
                    $"mapping.{entry.File}"));
            }
        }

        if (rootOverride is not null && (rootOverride.Length == 0 || ControlCharacters.In(rootOverride)))
        {
            // A newline would name another folder ("root\nx"), a NUL would make path handling throw.
            problems.Add(Diagnostic.Error($"--root '{ControlCharacters.Escape(rootOverride)}' is not a usable path", "give a directory path without control characters"));
        }

        var ownership = await ResolveOwnershipAsync(manifest, problems, cancellationToken);
        if (problems.Any(p => p.IsError) || ownership is null)
        {
            foreach (var bytes in values.Values)
            {
                Array.Clear(bytes);
            }

            return (null, problems);
        }

        var root = rootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(rootOverride, context.WorkingDirectory);
        var fingerprints = FingerprintKeyFor(Path.TrimEndingDirectorySeparator(root), values, readValues, problems);
        var files = manifest.Mapping.Select(m => new DesiredFile(m.File, m.Variable, new SecretValue(values[m.File], fingerprints))).ToList();
        var state = new DesiredState(
            Path.TrimEndingDirectorySeparator(root),
            manifest.Environment,
            manifest.Stamp,
            files,
            ownership.Value,
            manifest.Modes,
            manifest.Retention,
            manifest.Services,
            new Ownership(ProcessIdentity.Uid, ProcessIdentity.Gid),
            fingerprints);
        return (state, problems);
    }

    /// <summary>
    /// The root's fingerprint key, read once for the whole command (the host's files are digested with the same one).
    /// A root without a key yet (plan never writes one; the first apply does, under its lock) gets a provisional key
    /// derived from the values, or, without values, an ephemeral one whose fingerprints are not shown.
    /// </summary>
    private static FingerprintKey FingerprintKeyFor(string root, Dictionary<string, byte[]> values, bool readValues, List<Diagnostic> problems)
    {
        try
        {
            if (FingerprintKeyFile.Read(root) is { } key)
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

        return readValues ? FingerprintKey.Provisional(values) : FingerprintKey.Ephemeral();
    }

    private async Task<Ownership?> ResolveOwnershipAsync(ManifestDocument manifest, List<Diagnostic> problems, CancellationToken cancellationToken)
    {
        var uid = await ResolveAsync(manifest.Ownership.Uid, "ownership.uid", isGroup: false, problems, cancellationToken);
        var gid = await ResolveAsync(manifest.Ownership.Gid, "ownership.gid", isGroup: true, problems, cancellationToken);
        return uid is null || gid is null ? null : new Ownership(uid.Value, gid.Value);
    }

    private async Task<int?> ResolveAsync(IdSpec? spec, string field, bool isGroup, List<Diagnostic> problems, CancellationToken cancellationToken)
    {
        switch (spec)
        {
            case null:
                return isGroup ? ProcessIdentity.Gid : ProcessIdentity.Uid;
            case NumericId numeric:
                return numeric.Value;
            case ImageUserId imageUser:
                try
                {
                    var engine = engineFactory();
                    await engine.ConnectAsync(cancellationToken);
                    var (resolvedUid, resolvedGid) = await engine.ResolveImageUserAsync(imageUser.Image, imageUser.User, cancellationToken);
                    return isGroup ? resolvedGid : resolvedUid;
                }
                catch (ContainerEngineException e)
                {
                    problems.Add(Diagnostic.Error($"cannot resolve user '{imageUser.User}' of image {imageUser.Image}: {e.Message}", field: field));
                    return null;
                }

            default:
                throw new InvalidOperationException("unknown id form");
        }
    }
}
