using System.Globalization;
using System.Text;
using Horadus.Core.Ports;
using Horadus.Host.Posix;

namespace Horadus.Host.Git;

/// <summary>
/// One process at a time per git cache: an flock(2) on <c>lock</c> in the cache directory, held by a
/// <see cref="GitManifestSource"/> from its first fetch until it is disposed, so the checkout it returned is not moved by
/// another process while it is read. The kernel drops the lock when its holder dies; the holder's pid is written into the
/// file to name it.
/// </summary>
internal sealed class GitCacheLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly int fd;
    private readonly string path;

    private GitCacheLock(int fd, string path)
    {
        this.fd = fd;
        this.path = path;
    }

    public static GitCacheLock Acquire(string cacheDirectory, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = Path.Combine(cacheDirectory, "lock");
        var fd = Libc.OpenForLock(path, 0b110_000_000);
        var deadline = time.GetUtcNow() + timeout;
        try
        {
            while (!Libc.TryLockExclusive(fd, path))
            {
                if (time.GetUtcNow() >= deadline)
                {
                    var holder = Encoding.UTF8.GetString(Libc.ReadSmallFile(path)).Trim();
                    throw new ManifestSourceException(ManifestSourceProblem.CacheBusy,
                        $"the git cache {cacheDirectory} is in use by another process{(holder.Length > 0 ? $" ({holder})" : "")}; waited {timeout.TotalSeconds:0.#}s");
                }

                cancellationToken.WaitHandle.WaitOne(Poll);
                cancellationToken.ThrowIfCancellationRequested();
            }

            Libc.Overwrite(fd, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}")), path);
            return new GitCacheLock(fd, path);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    public void Dispose()
    {
        Libc.Overwrite(fd, [], path);
        Libc.Unlock(fd);
        Libc.Close(fd);
    }
}
