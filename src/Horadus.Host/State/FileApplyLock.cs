using System.Globalization;
using System.Text;
using System.Text.Json;
using Horadus.Core.Ports;
using Horadus.Host.Posix;
using Horadus.Host.Tree;

namespace Horadus.Host.State;

/// <summary>
/// One apply at a time per secrets root: an flock(2) on <c>.horadus/lock</c>. The kernel drops the lock when its
/// holder dies, however it dies, so a lock left by a killed apply is recovered by the next one; the holder's pid,
/// host and start time are written into the file to say who holds it.
/// </summary>
public sealed class FileApplyLock(string root, TimeProvider time) : IApplyLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public string LockPath => Path.Combine(root, SecretsTreeLayout.StateDirectory, "lock");

    /// <summary>The holder found in the lock file when the lock was taken, if its process had died without releasing it.</summary>
    public LockHolder? Recovered { get; private set; }

    /// <summary>
    /// Takes the lock. With <paramref name="createRoot"/> a missing root is created for it (an apply's first step needs a
    /// place for its lock before it can plan); released, the lock removes that root again if nothing else was written to it,
    /// so a plan refused or declined leaves the host as it was.
    /// </summary>
    public IDisposable Acquire(TimeSpan timeout, bool createRoot, CancellationToken cancellationToken)
    {
        var createdRoot = createRoot && Libc.Lstat(root) is null;
        var createdState = StateIsAbsent();
        StateDirectory.Ensure(root, createRoot);
        var fd = Libc.OpenForLock(LockPath, 0b110_000_000);
        var deadline = time.GetUtcNow() + timeout;
        try
        {
            while (!Libc.TryLockExclusive(fd, LockPath))
            {
                if (time.GetUtcNow() >= deadline)
                {
                    var holder = ReadHolder();
                    throw new LockTimeoutException(holder is null
                        ? $"another apply holds the lock on {root} ({LockPath}); waited {timeout.TotalSeconds:0}s (--lock-timeout)"
                        : $"another apply holds the lock on {root}: pid {holder.Pid} on {holder.Host} since {holder.Since:yyyy-MM-dd HH:mm:ss}Z; waited {timeout.TotalSeconds:0}s (--lock-timeout)");
                }

                cancellationToken.WaitHandle.WaitOne(Poll);
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Under the lock, so two first applies never race for it; this run keeps the key it started with.
            FingerprintKeyFile.Ensure(root);

            // A holder still written in the file while we got the lock means its process died mid-apply.
            Recovered = ReadHolder();
            var me = new LockHolder(Environment.ProcessId, Environment.MachineName, time.GetUtcNow());
            Libc.Overwrite(fd, JsonSerializer.SerializeToUtf8Bytes(me, HostJsonContext.Default.LockHolder), LockPath);
            return new Held(fd, LockPath, createdState, createdRoot ? root : null);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    /// <summary>Whether this acquisition will make <c>.horadus</c>; a root it cannot look into is refused by <see cref="StateDirectory"/>, with its reason.</summary>
    private bool StateIsAbsent()
    {
        try
        {
            return Libc.Lstat(Path.GetDirectoryName(LockPath)!) is null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private LockHolder? ReadHolder()
    {
        try
        {
            var text = Encoding.UTF8.GetString(Libc.ReadSmallFile(LockPath));
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, HostJsonContext.Default.LockHolder);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Held(int fd, string path, bool createdState, string? createdRoot) : IDisposable
    {
        public void Dispose()
        {
            // Emptied before release: a holder left in the file means a holder that died.
            Libc.Overwrite(fd, [], path);
            if (createdState)
            {
                RemoveUntouchedState(path, createdRoot);
            }

            Libc.Unlock(fd);
            Libc.Close(fd);
        }

        /// <summary>
        /// The state directory (and the root) this lock created, when the run wrote nothing: only the lock and the
        /// fingerprint key this lock made are there, no history. No history means no run, nothing changed, so nothing
        /// is left behind by a plan refused or declined.
        /// </summary>
        private static void RemoveUntouchedState(string lockPath, string? createdRoot)
        {
            var state = Path.GetDirectoryName(lockPath)!;
            var root = Path.GetDirectoryName(state)!;
            var key = FingerprintKeyFile.PathOf(root);
            if (Directory.EnumerateFileSystemEntries(state).Any(e => e != lockPath && e != key))
            {
                return;
            }

            File.Delete(key);
            File.Delete(lockPath);
            Directory.Delete(state);
            if (createdRoot is not null && !Directory.EnumerateFileSystemEntries(createdRoot).Any())
            {
                Directory.Delete(createdRoot);
            }
        }
    }
}

public sealed record LockHolder(int Pid, string Host, DateTimeOffset Since)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pid {Pid} on {Host} since {Since:u}");
}
