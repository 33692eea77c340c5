namespace Horadus.Core.Watching;

/// <summary>
/// When the next cycle runs: the interval with ±5% jitter (as Flux), so that many hosts do not poll in step; after
/// errors, capped exponential backoff with jitter (as Argo CD's retries: 5 s, factor 2, capped at the interval).
/// </summary>
public static class WatchSchedule
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);

    /// <param name="random">A number in [0, 1): the jitter, given so that tests decide it.</param>
    public static TimeSpan NextDelay(TimeSpan interval, int consecutiveErrors, double random)
    {
        var jitter = 1 + ((random * 2) - 1) * 0.05;
        if (consecutiveErrors <= 0)
        {
            return interval * jitter;
        }

        var backoff = FirstRetry * Math.Pow(2, Math.Min(consecutiveErrors - 1, 16));
        return (backoff < interval ? backoff : interval) * jitter;
    }
}
