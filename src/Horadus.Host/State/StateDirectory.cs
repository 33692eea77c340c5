using Horadus.Host.Posix;
using Horadus.Host.Tree;

namespace Horadus.Host.State;

/// <summary><c>&lt;root&gt;/.horadus</c>: lock and history, beside the releases and never inside a mounted one. Private to its owner.</summary>
internal static class StateDirectory
{
    /// <summary>
    /// Makes sure the state directory exists, refusing (as the snapshot does) a root that is a link, a system directory
    /// or someone else's, and a <c>.horadus</c> that is not a real directory: the lock and the history are written here,
    /// so this is checked even by commands that take the lock before they look at the tree (rollback).
    /// </summary>
    /// <exception cref="IOException">The root or its state directory is refused; the message says why and what to do.</exception>
    public static string Ensure(string root, bool createRoot)
    {
        var rootStat = Libc.Lstat(root);
        if (rootStat is null)
        {
            if (!createRoot)
            {
                throw new IOException($"the secrets root {root} does not exist");
            }

            // Two first applies may both get here: the one that loses the race checks what the other made.
            Directory.CreateDirectory(Path.GetDirectoryName(root)!);
            Libc.MkdirUnlessPresent(root, 0b111_101_000);
            rootStat = Libc.Lstat(root) ?? throw new IOException($"the secrets root {root} vanished while it was created");
        }

        // The root first: looking inside a root that is a link (a link to itself: ELOOP) would fail with a bare errno.
        if (RootGuard.Refuse(root, rootStat.Value) is { } rootRefusal)
        {
            throw new IOException(rootRefusal.ToString());
        }

        var path = Path.Combine(root, SecretsTreeLayout.StateDirectory);
        var stat = Libc.Lstat(path);
        var refusal = RootGuard.RefuseStateDirectory(path, stat)
                      ?? (stat is null ? RootGuard.RefuseContent(root, Directory.EnumerateFileSystemEntries(root).Select(p => Path.GetFileName(p)).ToList()) : null);
        if (refusal is not null)
        {
            throw new IOException(refusal.ToString());
        }

        if (stat is null && Libc.MkdirUnlessPresent(path, 0b111_000_000))
        {
            Libc.Chmod(path, 0b111_000_000);
        }
        else if (RootGuard.RefuseStateDirectory(path, Libc.Lstat(path)) is { } raced)
        {
            throw new IOException(raced.ToString());
        }

        return path;
    }
}
