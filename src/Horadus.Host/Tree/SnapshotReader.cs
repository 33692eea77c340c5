using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Host.Posix;

namespace Horadus.Host.Tree;

/// <summary>Reads a secrets root into an <see cref="ObservedSnapshot"/>: metadata and digests, never content.</summary>
internal static class SnapshotReader
{
    /// <param name="key">The key the desired values were digested with: the files here get the same, so they compare.</param>
    public static ObservedSnapshot Read(string root, FingerprintKey key)
    {
        var problems = new List<Diagnostic>();
        var rootStat = Libc.Lstat(root);
        if (rootStat is null)
        {
            return ObservedSnapshot.Empty(root);
        }

        if (RootGuard.Refuse(root, rootStat.Value) is { } refusal)
        {
            return Refused(root, refusal);
        }

        string[] entries;
        try
        {
            entries = Names(root);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return Refused(root, new RootRefusal($"the secrets root {root} cannot be read: {e.Message}", "run horadus as a user that can read it (the operators' account, or root)"));
        }

        if (RootGuard.RefuseContent(root, entries) is { } foreignRoot)
        {
            return Refused(root, foreignRoot);
        }

        EntryAttributes? releasesDir = null;
        var releases = new List<ObservedRelease>();
        var staging = new List<string>();
        var foreign = new List<ForeignEntry>();
        CurrentLink? current = null;

        foreach (var name in entries)
        {
            var path = Path.Combine(root, name);
            var stat = Libc.Lstat(path);
            if (stat is null)
            {
                continue;
            }

            switch (name)
            {
                case SecretsTreeLayout.StateDirectory:
                    if (RootGuard.RefuseStateDirectory(path, stat) is { } state)
                    {
                        problems.Add(Diagnostic.Error(state.Summary, state.Detail, address: Addresses.Root));
                    }

                    break;
                case SecretsTreeLayout.CurrentStaging when stat.Value.IsSymlink:
                    // Ours: the next switch replaces a link left here by an interrupted one.
                    break;
                case SecretsTreeLayout.CurrentStaging:
                    problems.Add(Diagnostic.Error(
                        $"{path} is a {RootGuard.Kind(stat.Value)}, not the symlink Horadus renames over current",
                        "Horadus did not create it and does not remove it; move it away by hand, then run again",
                        address: Addresses.Current));
                    break;
                case SecretsTreeLayout.Current:
                    current = ReadCurrent(root, path, stat.Value);
                    break;
                case SecretsTreeLayout.Releases when stat.Value.IsDirectory:
                    releasesDir = Attributes(stat.Value);
                    ReadReleases(path, key, releases, staging, foreign, problems);
                    break;
                case SecretsTreeLayout.Releases:
                    problems.Add(Diagnostic.Error($"{path} is a {TypeOf(stat.Value).ToString().ToLowerInvariant()}, not a directory", "Horadus refuses symlinks and files where a directory belongs", address: Addresses.ReleasesDirectory));
                    break;
                default:
                    foreign.Add(new ForeignEntry(name, TypeOf(stat.Value)));
                    break;
            }
        }

        return new ObservedSnapshot(root, true, releasesDir, releases, current, staging, foreign, problems) { RootDirectory = Attributes(rootStat.Value) };
    }

    private static void ReadReleases(string releasesPath, FingerprintKey key, List<ObservedRelease> releases, List<string> staging, List<ForeignEntry> foreign, List<Diagnostic> problems)
    {
        foreach (var name in Names(releasesPath))
        {
            var path = Path.Combine(releasesPath, name);
            var stat = Libc.Lstat(path);
            if (stat is null)
            {
                continue;
            }

            if (SecretsTreeLayout.IsStaging(name))
            {
                staging.Add(name);
            }
            else if (stat.Value.IsSymlink)
            {
                problems.Add(Diagnostic.Error($"{path} is a symlink", "a release must be a real directory; remove the link by hand", address: $"releases/{name}"));
            }
            else if (stat.Value.IsDirectory && ReleaseStamp.TryParse(name, out var stamp))
            {
                releases.Add(ReadRelease(path, stamp, key, Attributes(stat.Value), problems));
            }
            else if (ReleaseStamp.TryParse(name, out var occupied))
            {
                // A release could never be renamed into place over it: refused now, before anything is staged.
                problems.Add(Diagnostic.Error(
                    $"{path} is a {RootGuard.Kind(stat.Value)} where release {occupied} belongs",
                    "Horadus did not create it and does not remove it; move it away by hand, then run again",
                    address: Addresses.Release(occupied)));
            }
            else
            {
                foreign.Add(new ForeignEntry($"releases/{name}", TypeOf(stat.Value)));
            }
        }
    }

    private static ObservedRelease ReadRelease(string path, ReleaseStamp stamp, FingerprintKey key, EntryAttributes attributes, List<Diagnostic> problems)
    {
        var files = new List<ObservedFile>();
        foreach (var name in Names(path))
        {
            var filePath = Path.Combine(path, name);
            var stat = Libc.Lstat(filePath);
            if (stat is null)
            {
                continue;
            }

            var type = TypeOf(stat.Value);
            if (type == EntryType.Symlink)
            {
                problems.Add(Diagnostic.Error($"{filePath} is a symlink", "a release holds only regular files; remove the link by hand", address: Addresses.File(stamp, name)));
            }
            else if (type != EntryType.File)
            {
                problems.Add(Diagnostic.Warning($"{filePath} is a {RootGuard.Kind(stat.Value)} Horadus did not write", "it is left as it is: its owner and mode are never changed; remove it by hand", Addresses.File(stamp, name)).WithCode(DiagnosticCodes.ForeignFile));
            }
            else if (stat.Value.Links > 1)
            {
                // Another name for this inode may lie outside the root: changing it would change that file too.
                problems.Add(Diagnostic.Warning($"{filePath} has {stat.Value.Links} hard links", "Horadus writes every file with one link, so this one is not its own: its owner and mode are never changed; remove the extra link by hand", Addresses.File(stamp, name)).WithCode(DiagnosticCodes.ForeignFile));
            }

            files.Add(new ObservedFile(name, type, stat.Value.Size, type == EntryType.File ? Digest(filePath, key) : null, Attributes(stat.Value), stat.Value.Links));
        }

        return new ObservedRelease(stamp, attributes, files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
    }

    private static CurrentLink ReadCurrent(string root, string path, StatInfo stat)
    {
        if (!stat.IsSymlink)
        {
            return new CurrentLink(TypeOf(stat), null, null);
        }

        var target = new FileInfo(path).LinkTarget;
        ReleaseStamp? release = null;
        if (target is not null)
        {
            var full = Path.GetFullPath(target, root);
            var parent = Path.GetDirectoryName(full);
            if (parent == Path.Combine(root, SecretsTreeLayout.Releases) &&
                ReleaseStamp.TryParse(Path.GetFileName(full), out var stamp) &&
                Libc.Lstat(full) is { IsDirectory: true })
            {
                release = stamp;
            }
        }

        return new CurrentLink(EntryType.Symlink, target, release);
    }

    private static ContentDigest? Digest(string path, FingerprintKey key)
    {
        int fd;
        try
        {
            // Without following a link and without blocking: an entry swapped for a link or a FIFO since the lstat is not read.
            fd = Libc.OpenNoFollow(path);
        }
        catch (IOException)
        {
            return null;
        }

        try
        {
            if (!Libc.Fstat(fd, path).IsRegularFile)
            {
                return null;
            }

            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            using var stream = new FileStream(handle, FileAccess.Read, 4096);
            return key.Digest(stream);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static string[] Names(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    private static EntryAttributes Attributes(StatInfo stat) => new(stat.Uid, stat.Gid, new PermissionMode(stat.Permissions));

    private static EntryType TypeOf(StatInfo stat) =>
        stat.IsSymlink ? EntryType.Symlink : stat.IsDirectory ? EntryType.Directory : stat.IsRegularFile ? EntryType.File : EntryType.Other;

    private static ObservedSnapshot Refused(string root, RootRefusal refusal) =>
        ObservedSnapshot.Empty(root) with { RootExists = true, Problems = [Diagnostic.Error(refusal.Summary, refusal.Detail, address: Addresses.Root)] };
}
