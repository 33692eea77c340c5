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

    private int _depth;

    /// <summary>Takes the lock, or joins it when this instance already holds it (apply locks before planning, then executes).</summary>
    public IDisposable Acquire(TimeSpan timeout, bool createRoot, CancellationToken cancellationToken)
    {
        if (_depth > 0)
        {
            _depth++;
            return new Joined(this);
        }

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
            Libc.Overwrite(fd, JsonSerializer.SerializeToUtf8Bytes(me), LockPath);
            _depth = 1;
            return new Held(this, fd, LockPath);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    private LockHolder? ReadHolder()
    {
        try
        {
            var text = Encoding.UTF8.GetString(Libc.ReadSmallFile(LockPath));
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<LockHolder>(text);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Joined(FileApplyLock owner) : IDisposable
    {
        public void Dispose() => owner._depth--;
    }

    private sealed class Held(FileApplyLock owner, int fd, string path) : IDisposable
    {
        public void Dispose()
        {
            owner._depth = 0;
            // Emptied before release: a holder left in the file means a holder that died.
            Libc.Overwrite(fd, [], path);
            Libc.Unlock(fd);
            Libc.Close(fd);
        }
    }
}

public sealed record LockHolder(int Pid, string Host, DateTimeOffset Since)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pid {Pid} on {Host} since {Since:u}");
}
