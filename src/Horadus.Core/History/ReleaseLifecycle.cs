using Horadus.Core.Desired;
using Horadus.Core.Observed;

namespace Horadus.Core.History;

/// <summary>The lifecycle's rules, in one place: a release's state, and which release a run makes live.</summary>
public static class ReleaseLifecycle
{
    public static ReleaseState StateOf(ReleaseStamp stamp, ReleaseLedger ledger, ObservedSnapshot observed)
    {
        var onHost = observed.Release(stamp) is not null;
        var standing = ledger.Standing(stamp);
        return (onHost, standing?.Verdict) switch
        {
            (false, null) => ReleaseState.Absent,
            (false, _) => ReleaseState.Pruned,
            (true, ReleaseVerdict.Proven) => ReleaseState.Proven,
            (true, ReleaseVerdict.Failed) => ReleaseState.Failed,
            _ when observed.Current?.Release == stamp => ReleaseState.LiveUnproven,
            _ => ReleaseState.Written,
        };
    }

    /// <summary>
    /// The release a run must leave live. The desired one, unless it failed before and no operator asked for it again:
    /// then the last good release (even when <c>current</c> was moved by hand, or a killed rollback left the failed one
    /// live), or failing that whatever live release has not failed. Null when there is nothing safe to make live.
    /// </summary>
    public static ReleaseStamp? Target(ReleaseStamp desired, ReleaseLedger ledger, ObservedSnapshot observed, bool retryFailed)
    {
        if (!ledger.IsFailed(desired) || retryFailed)
        {
            return desired;
        }

        if (ledger.LastGood is { } good && observed.Release(good) is not null)
        {
            return good;
        }

        return observed.Current?.Release is { } live && !ledger.IsFailed(live) && observed.Release(live) is not null ? live : null;
    }

    /// <summary>The release a rollback goes to when none is named: the last good one that is not live, else the newest good one on the host.</summary>
    public static ReleaseStamp? RollbackTarget(ReleaseLedger ledger, ObservedSnapshot observed)
    {
        var live = observed.Current?.Release;
        if (ledger.LastGood is { } good && good != live && observed.Release(good) is not null)
        {
            return good;
        }

        return observed.Releases.Select(r => r.Stamp).Where(s => s != live && ledger.IsGood(s)).OrderDescending().Cast<ReleaseStamp?>().FirstOrDefault();
    }
}
