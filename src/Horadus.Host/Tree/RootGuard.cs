using Horadus.Host.Posix;

namespace Horadus.Host.Tree;

/// <summary>
/// The roots Horadus refuses to manage, checked by the snapshot (so <c>plan</c> and <c>apply</c> refuse) and again by the
/// state directory (so a <c>rollback</c>, which takes the lock first, refuses too): a link, a non-directory, a system
/// directory, or a non-empty directory that is not a Horadus root and was not adopted by creating <c>.horadus</c> in it.
/// </summary>
internal static class RootGuard
{
    /// <summary>
    /// Directories of the system that a typo or a bad <c>--root</c> could name. Compared by inode too, so an alias
    /// (<c>/srv/x -> /etc</c>, a bind mount, <c>/lib -> usr/lib</c>) is caught as well as the spelling.
    /// </summary>
    public static readonly IReadOnlyList<string> SystemDirectories =
    [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/lost+found", "/media",
        "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp",
        "/usr", "/usr/bin", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/local", "/usr/local/bin", "/usr/local/lib",
        "/usr/sbin", "/usr/share", "/usr/src",
        "/var", "/var/backups", "/var/cache", "/var/lib", "/var/lib/docker", "/var/local", "/var/lock", "/var/log",
        "/var/mail", "/var/opt", "/var/run", "/var/spool", "/var/tmp",
    ];

    /// <summary>
    /// What a Horadus root holds at its top: anything else means the directory belongs to someone else. lost+found is
    /// what a root that is a filesystem of its own (a dedicated volume) holds from the start.
    /// </summary>
    private static readonly HashSet<string> OwnNames =
        [SecretsTreeLayout.StateDirectory, SecretsTreeLayout.Releases, SecretsTreeLayout.Current, SecretsTreeLayout.CurrentStaging, "lost+found"];

    /// <summary>Checks the root itself (not its content); null when it is acceptable. <paramref name="stat"/> is its lstat.</summary>
    public static RootRefusal? Refuse(string root, StatInfo stat)
    {
        if (stat.IsSymlink)
        {
            return new($"the secrets root {root} is a symlink",
                "give the real directory (secrets_root or --root); Horadus does not follow a link at the root, so the lock, history and releases can never land somewhere else");
        }

        if (!stat.IsDirectory)
        {
            return new($"the secrets root {root} is not a directory", "point secrets_root (or --root) at a directory, or at a path that does not exist yet");
        }

        return IsSystemDirectory(root, stat)
            ? new($"the secrets root {root} is a system directory",
                "give Horadus a directory of its own, e.g. /srv/horadus/secrets; it refuses /, /etc, /usr, /var, /var/lib, /home, /tmp and the other system directories listed in the README")
            : null;
    }

    /// <summary>
    /// Checks what the root holds: a non-empty directory is managed only when it has <c>.horadus</c> or holds nothing
    /// but what Horadus creates. Creating <c>.horadus</c> by hand is how an operator adopts a directory that has more.
    /// </summary>
    public static RootRefusal? RefuseContent(string root, IReadOnlyCollection<string> names)
    {
        if (names.Contains(SecretsTreeLayout.StateDirectory) || names.All(OwnNames.Contains))
        {
            return null;
        }

        var others = names.Where(n => !OwnNames.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", others.Take(3)) + (others.Count > 3 ? $" and {others.Count - 3} more" : "");
        return new($"the secrets root {root} is not empty and is not a Horadus root (it holds {shown})",
            $"point secrets_root (or --root) at a new or empty directory; to adopt this one as it is, create its state directory by hand: mkdir -m 0700 {Path.Combine(root, SecretsTreeLayout.StateDirectory)}");
    }

    /// <summary>Checks <c>.horadus</c>, where the lock and the history are written: a real directory or nothing.</summary>
    public static RootRefusal? RefuseStateDirectory(string path, StatInfo? stat) =>
        stat is null || stat.Value.IsDirectory
            ? null
            : new($"{path} is a {Kind(stat.Value)}, not a directory",
                "Horadus keeps its lock and history there and never follows a link or writes through one; move it away by hand (Horadus recreates the directory)");

    public static string Kind(StatInfo stat) =>
        stat.IsSymlink ? "symlink" : stat.IsDirectory ? "directory" : stat.IsRegularFile ? "regular file" : "special file";

    private static bool IsSystemDirectory(string root, StatInfo stat)
    {
        if (SystemDirectories.Contains(root, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var directory in SystemDirectories)
        {
            StatInfo? system;
            try
            {
                system = Libc.Stat(directory);
            }
            catch (IOException)
            {
                continue;
            }

            if (system is { } found && found.SameInodeAs(stat))
            {
                return true;
            }
        }

        return false;
    }
}
