using System.Security.Cryptography;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Host.Posix;

namespace Horadus.Host.Tree;

/// <summary>Reads a secrets root into an <see cref="ObservedSnapshot"/>: metadata and digests, never content.</summary>
internal static class SnapshotReader
{
    public static ObservedSnapshot Read(string root)
    {
        var problems = new List<Diagnostic>();
        var rootStat = Libc.Lstat(root);
        if (rootStat is null)
        {
            return ObservedSnapshot.Empty(root);
        }

        if (rootStat.Value.IsSymlink)
        {
            return Refused(root, $"the secrets root {root} is a symlink", "give the real directory; Horadus does not follow a link at the root");
        }

        if (!rootStat.Value.IsDirectory)
        {
            return Refused(root, $"the secrets root {root} is not a directory", "point secrets_root (or --root) at a directory, or at a path that does not exist yet");
        }

        string[] entries;
        try
        {
            entries = Names(root);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return Refused(root, $"the secrets root {root} cannot be read: {e.Message}", "run horadus as a user that can read it (the operators' account, or root)");
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
                case SecretsTreeLayout.CurrentStaging:
                    // Ours: the next switch replaces a link left here by an interrupted one.
                    break;
                case SecretsTreeLayout.Current:
                    current = ReadCurrent(root, path, stat.Value);
                    break;
                case SecretsTreeLayout.Releases when stat.Value.IsDirectory:
                    releasesDir = Attributes(stat.Value);
                    ReadReleases(path, releases, staging, foreign, problems);
                    break;
                case SecretsTreeLayout.Releases:
                    problems.Add(Diagnostic.Error($"{path} is a {TypeOf(stat.Value).ToString().ToLowerInvariant()}, not a directory", "Horadus refuses symlinks and files where a directory belongs", address: Addresses.ReleasesDirectory));
                    break;
                default:
                    foreign.Add(new ForeignEntry(name, TypeOf(stat.Value)));
                    break;
            }
        }

        return new ObservedSnapshot(root, true, releasesDir, releases, current, staging, foreign, problems);
    }

    private static void ReadReleases(string releasesPath, List<ObservedRelease> releases, List<string> staging, List<ForeignEntry> foreign, List<Diagnostic> problems)
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
                releases.Add(ReadRelease(path, stamp, Attributes(stat.Value), problems));
            }
            else
            {
                foreign.Add(new ForeignEntry($"releases/{name}", TypeOf(stat.Value)));
            }
        }
    }

    private static ObservedRelease ReadRelease(string path, ReleaseStamp stamp, EntryAttributes attributes, List<Diagnostic> problems)
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

            files.Add(new ObservedFile(name, type, stat.Value.Size, type == EntryType.File ? Digest(filePath) : null, Attributes(stat.Value)));
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

    private static ContentDigest? Digest(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
            return new ContentDigest(Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] Names(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    private static EntryAttributes Attributes(StatInfo stat) => new(stat.Uid, stat.Gid, new PermissionMode(stat.Permissions));

    private static EntryType TypeOf(StatInfo stat) =>
        stat.IsSymlink ? EntryType.Symlink : stat.IsDirectory ? EntryType.Directory : stat.IsRegularFile ? EntryType.File : EntryType.Other;

    private static ObservedSnapshot Refused(string root, string summary, string detail) =>
        ObservedSnapshot.Empty(root) with { RootExists = true, Problems = [Diagnostic.Error(summary, detail, address: Addresses.Root)] };
}
