using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Observed;
using Horadus.Core.Ports;
using Horadus.Host.Posix;
using Horadus.Host.State;

namespace Horadus.Host.Tree;

/// <summary>
/// The secrets root on a POSIX filesystem. Writes follow one rule: nothing becomes visible under its final name
/// until it is complete and flushed, and no secret byte is ever readable with a wider mode than the final one.
/// </summary>
public sealed class PosixSecretsHost : ISecretsHost
{
    private FingerprintKey? _fingerprints;

    /// <param name="fingerprints">
    /// The key the desired values were digested with, so the files on the host compare with them; when null (status),
    /// the root's own key, or an ephemeral one whose fingerprints are never shown.
    /// </param>
    public PosixSecretsHost(string root, FingerprintKey? fingerprints = null)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _fingerprints = fingerprints;
    }

    public string Root { get; }

    /// <summary>True when the root is a real directory (not a link, not a file).</summary>
    public bool RootIsDirectory => Libc.Lstat(Root) is { IsDirectory: true };

    public bool RootExists => Libc.Lstat(Root) is not null;

    private string ReleasesPath => Path.Combine(Root, SecretsTreeLayout.Releases);

    public ObservedSnapshot Observe()
    {
        var keyProblem = ResolveFingerprints();
        try
        {
            var snapshot = SnapshotReader.Read(Root, _fingerprints!);
            return keyProblem is null ? snapshot : snapshot with { Problems = [.. snapshot.Problems, keyProblem] };
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return ObservedSnapshot.Empty(Root) with
            {
                RootExists = true,
                Problems = [Diagnostic.Error($"the secrets root {Root} cannot be read: {e.Message}", "run horadus as a user that can read it", address: "root")],
            };
        }
    }

    /// <summary>The key given, else the root's own, else an ephemeral one (its fingerprints are not shown).</summary>
    private Diagnostic? ResolveFingerprints()
    {
        if (_fingerprints is not null)
        {
            return null;
        }

        try
        {
            _fingerprints = FingerprintKeyFile.Read(Root) ?? FingerprintKey.Ephemeral();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _fingerprints = FingerprintKey.Ephemeral();
            return Diagnostic.Warning(e.Message, "fingerprints are not shown until it is fixed", "root");
        }
    }

    public void WriteRelease(ReleaseStamp stamp, IReadOnlyList<DesiredFile> files, ModePolicy modes, Ownership owner, Ownership releasesOwner)
    {
        EnsureReleasesDirectory(modes, releasesOwner);
        var final = Path.Combine(ReleasesPath, stamp.ToString());
        var staging = Path.Combine(ReleasesPath, $"{SecretsTreeLayout.StagingPrefix}{stamp}-{Environment.ProcessId}");

        // The staging directory is private (0700) while it fills, and gets its final mode only when complete.
        Libc.Mkdir(staging, 0b111_000_000);
        try
        {
            Libc.Chmod(staging, 0b111_000_000);
            Libc.Lchown(staging, owner.Uid, owner.Gid);
            foreach (var file in files)
            {
                WriteFile(Path.Combine(staging, file.Name), file.Value, modes.File.Bits, owner);
            }

            Libc.Chmod(staging, modes.ReleaseDirectory.Bits);
            Libc.FsyncDirectory(staging);
            Libc.RenameNoReplace(staging, final);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a refused rename must not leave a copy of the secrets behind under a staging name.
            RemoveFailedStaging(staging, e);
            throw;
        }

        Libc.FsyncDirectory(ReleasesPath);
    }

    public void SetAttributes(string relativePath, int uid, int gid, PermissionMode mode)
    {
        var path = Path.Combine(Root, Contained(relativePath));
        var fd = Libc.OpenNoFollow(path);
        try
        {
            // Through the descriptor, so a link swapped in after planning is never followed. Narrow first, then
            // hand over, then set: neither the old nor the new group ever sees more than both were allowed.
            var opened = Libc.Fstat(fd, path);
            RefuseForeignInode(path, opened);
            var before = opened.Permissions;
            Libc.Fchmod(fd, before & mode.Bits, path);
            Libc.Fchown(fd, uid, gid, path);
            Libc.Fchmod(fd, mode.Bits, path);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    public void SwitchCurrent(ReleaseStamp stamp)
    {
        var target = Path.Combine(ReleasesPath, stamp.ToString());
        if (Libc.Lstat(target) is not { IsDirectory: true })
        {
            throw new IOException($"release {stamp} is not on the host; current was not moved");
        }

        var next = Path.Combine(Root, SecretsTreeLayout.CurrentStaging);
        if (Libc.Lstat(next) is { } left)
        {
            if (!left.IsSymlink)
            {
                throw new IOException($"{next} is a {RootGuard.Kind(left)}, not the symlink Horadus renames over current; move it away by hand; current was not moved");
            }

            File.Delete(next);
        }

        // Relative, as the runbook's `ln -sfn releases/<stamp> current`: it then resolves the same inside a container that
        // mounts the whole root (a service that reloads), where the host's absolute path does not exist.
        Libc.Symlink(SecretsTree.ReleasePath(stamp), next);
        Libc.Rename(next, Path.Combine(Root, SecretsTreeLayout.Current));
        Libc.FsyncDirectory(Root);
    }

    public void DeleteRelease(ReleaseStamp stamp)
    {
        var path = Path.Combine(ReleasesPath, stamp.ToString());
        if (new FileInfo(Path.Combine(Root, SecretsTreeLayout.Current)).LinkTarget is { } target &&
            Path.GetFullPath(target, Root) == path)
        {
            throw new InvalidOperationException($"release {stamp} is live; it is not deleted");
        }

        var doomed = Path.Combine(ReleasesPath, $"{SecretsTreeLayout.DeletingPrefix}{stamp}-{Environment.ProcessId}");
        Libc.RenameNoReplace(path, doomed);
        Libc.FsyncDirectory(ReleasesPath);
        DeleteTree(doomed);
    }

    public void DeleteStaging(string name)
    {
        if (!SecretsTreeLayout.IsStaging(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{name}' is not a staging directory");
        }

        DeleteTree(Path.Combine(ReleasesPath, name));
    }

    private void EnsureReleasesDirectory(ModePolicy modes, Ownership owner)
    {
        if (Libc.Lstat(ReleasesPath) is null)
        {
            Libc.Mkdir(ReleasesPath, modes.ReleasesDirectory.Bits);
            Libc.Lchown(ReleasesPath, owner.Uid, owner.Gid);
            Libc.Chmod(ReleasesPath, modes.ReleasesDirectory.Bits);
            Libc.FsyncDirectory(Root);
        }
    }

    /// <summary>
    /// Defence in depth behind the planner: only directories and single-link regular files are ever changed. A second
    /// link to a file may lie outside the root (a root-owned file hard-linked into a release by its app user).
    /// </summary>
    private static void RefuseForeignInode(string path, StatInfo opened)
    {
        if (opened.IsDirectory)
        {
            return;
        }

        if (!opened.IsRegularFile)
        {
            throw new IOException($"{path} is a {RootGuard.Kind(opened)}, not a file Horadus wrote; its owner and mode were not changed: remove it by hand");
        }

        if (opened.Links != 1)
        {
            throw new IOException($"{path} has {opened.Links} hard links, so it may be another file's too; its owner and mode were not changed: remove the extra link by hand");
        }
    }

    private static void RemoveFailedStaging(string staging, Exception cause)
    {
        try
        {
            DeleteTree(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{cause.Message}; and its staging directory {staging} could not be removed ({e.Message}): remove it by hand, it holds secret values", cause);
        }
    }

    private static void WriteFile(string path, SecretValue value, int mode, Ownership owner)
    {
        // Created empty with O_EXCL, then given its final owner and mode before the first byte is written.
        var fd = Libc.CreateExclusive(path, mode);
        try
        {
            Libc.Fchown(fd, owner.Uid, owner.Gid, path);
            Libc.Fchmod(fd, mode, path);
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            RandomAccess.Write(handle, value.Reveal(), 0);
            Libc.Fsync(fd, path);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static void DeleteTree(string path)
    {
        var stat = Libc.Lstat(path);
        if (stat is null)
        {
            return;
        }

        if (!stat.Value.IsDirectory)
        {
            // unlink(2) removes a link, never what it points at.
            File.Delete(path);
            return;
        }

        // The directory becomes ours (and only ours) before it is read: its former owner, the app user, can no
        // longer swap an entry for a link between the look and the removal.
        var fd = Libc.OpenNoFollow(path, directory: true);
        try
        {
            Libc.Fchown(fd, ProcessIdentity.Uid, ProcessIdentity.Gid, path);
            Libc.Fchmod(fd, 0b111_000_000, path);
        }
        finally
        {
            Libc.Close(fd);
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
        {
            DeleteTree(entry);
        }

        Directory.Delete(path);
    }

    /// <summary>A path the plan names, refused when it could leave the root (absolute, or with a ".." segment).</summary>
    private static string Contained(string relativePath) =>
        Path.IsPathRooted(relativePath) || relativePath.Split('/').Any(part => part is ".." or "")
            ? throw new InvalidOperationException($"'{relativePath}' is not a path inside the secrets root")
            : relativePath;
}
