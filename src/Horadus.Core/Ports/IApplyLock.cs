namespace Horadus.Core.Ports;

/// <summary>One apply at a time per secrets root. A lock held by a dead process is recovered.</summary>
public interface IApplyLock
{
    /// <summary>Waits up to <paramref name="timeout"/> for the lock; throws <see cref="LockTimeoutException"/> naming the holder.</summary>
    IDisposable Acquire(TimeSpan timeout, bool createRoot, CancellationToken cancellationToken);
}
