using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;

namespace Horadus.Core.Planning;

/// <summary>
/// Which superseded releases may go. Never the live one, never the newest good one before the live one is proven,
/// never one Horadus did not create, never inside the stability window; failed releases do not count as good.
/// </summary>
public static class Retention
{
    public static (IReadOnlyList<Change> Prunes, IReadOnlyList<Diagnostic> Notes) Prune(
        DesiredState desired,
        ObservedSnapshot observed,
        ReleaseLedger ledger,
        ReleaseStamp live,
        bool switching,
        DateTimeOffset now)
    {
        var notes = new List<Diagnostic>();
        var others = observed.Releases.Select(r => r.Stamp).Where(s => s != live && s != desired.Stamp).ToList();

        foreach (var unknown in others.Where(s => !ledger.IsKnown(s)))
        {
            notes.Add(Diagnostic.Info($"release {unknown} was not created by Horadus; retention leaves it alone", address: Addresses.Release(unknown)));
        }

        var good = others.Where(ledger.IsGood).OrderDescending().ToList();
        var liveProven = !switching && ledger.IsGood(live);
        var keepCount = Math.Max(desired.Retention.KeepPrevious, liveProven ? 0 : 1);
        var kept = good.Take(keepCount).ToHashSet();
        var candidates = others.Where(s => ledger.IsKnown(s) && !kept.Contains(s)).Order().ToList();
        if (candidates.Count == 0)
        {
            return ([], notes);
        }

        var liveSince = switching ? now : ledger.Standing(live)?.LiveSince;
        if (liveSince is null)
        {
            notes.Add(Diagnostic.Info($"{candidates.Count} superseded release(s) kept: release {live} has no recorded go-live time, so its stability window cannot start"));
            return ([], notes);
        }

        var due = liveSince.Value + desired.Retention.StabilityWindow;
        if (now < due)
        {
            notes.Add(Diagnostic.Info($"{candidates.Count} superseded release(s) will be pruned after the stability window, from {due.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
            return ([], notes);
        }

        var prunes = candidates.Select(stamp => new Change(
            ChangeAction.Delete,
            Addresses.Release(stamp),
            ledger.IsFailed(stamp) ? "failed release" : "superseded release",
            null,
            ledger.IsFailed(stamp)
                ? "failed releases are not kept"
                : $"beyond the {desired.Retention.KeepPrevious} previous good release(s) kept for rollback",
            new DeleteRelease(stamp))).ToList();
        return (prunes, notes);
    }
}
