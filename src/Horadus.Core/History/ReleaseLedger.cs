using Horadus.Core.Desired;

namespace Horadus.Core.History;

/// <summary>
/// The inventory of releases Horadus created and the verdict on each, derived from the apply history (the journal).
/// Retention counts only proven releases and prunes only releases listed here. A failed release stays failed until an
/// operator asks for it by name (<see cref="ApplyRecord.ByOperator"/>): a run that merely repaired the host, or a
/// record that names it by mistake, never makes it good again.
/// </summary>
public sealed class ReleaseLedger
{
    private readonly Dictionary<ReleaseStamp, ReleaseStanding> _standings = [];

    public ReleaseLedger(IEnumerable<ApplyRecord> records)
    {
        foreach (var record in records.OrderBy(r => r.StartedAt))
        {
            Apply(record);
            UnsettledSince = record.FinishedAt is null || record.Incomplete ? record.StartedAt : null;
        }
    }

    /// <summary>
    /// When the latest run started, if it did not end with the host where it meant to leave it: killed (no end recorded,
    /// a verdict journaled before a rollback that never ended included) or ended with its rollback incomplete. What an app
    /// that reloads holds in memory cannot be observed, so then it is told again; one started since read whatever current
    /// named at that moment. A run that ended where it meant to, refused or failed before touching anything included, is settled.
    /// </summary>
    public DateTimeOffset? UnsettledSince { get; }

    public static ReleaseLedger Empty { get; } = new([]);

    /// <summary>The release that most recently proved itself live and has not failed since: where a failed gate goes back to.</summary>
    public ReleaseStamp? LastGood { get; private set; }

    public ReleaseStanding? Standing(ReleaseStamp stamp) => _standings.GetValueOrDefault(stamp);

    public bool IsKnown(ReleaseStamp stamp) => _standings.ContainsKey(stamp);

    public bool IsGood(ReleaseStamp stamp) => _standings.TryGetValue(stamp, out var s) && s.Good;

    public bool IsFailed(ReleaseStamp stamp) => _standings.TryGetValue(stamp, out var s) && s.Failed;

    private void Apply(ApplyRecord record)
    {
        var previous = _standings.GetValueOrDefault(record.Stamp) ?? new ReleaseStanding(record.Stamp, ReleaseVerdict.None, null, null);
        switch (record.Outcome)
        {
            case ApplyOutcome.Succeeded when previous.Failed && !record.ByOperator:
                // Only a person brings a failed release back.
                _standings[record.Stamp] = previous;
                break;
            case ApplyOutcome.Succeeded:
                // A repair of the live release (a chmod, say) does not restart its stability window.
                var since = LastGood == record.Stamp && previous.Good ? previous.LiveSince : record.FinishedAt ?? record.StartedAt;
                _standings[record.Stamp] = new ReleaseStanding(record.Stamp, ReleaseVerdict.Proven, since, null);
                LastGood = record.Stamp;
                if (record is { Kind: ApplyKind.Rollback, Previous: { } left } && left != record.Stamp)
                {
                    // An operator's rollback away from a release judges it: it is not applied again by itself.
                    Fail(left, record.Message ?? "rolled back by an operator");
                }

                break;
            case ApplyOutcome.Failed or ApplyOutcome.RolledBack:
                Fail(record.Stamp, record.Message ?? record.Outcome.ToString());
                break;
            default:
                _standings[record.Stamp] = previous;
                break;
        }
    }

    private void Fail(ReleaseStamp stamp, string reason)
    {
        _standings[stamp] = new ReleaseStanding(stamp, ReleaseVerdict.Failed, null, reason);
        if (LastGood == stamp)
        {
            LastGood = _standings.Values.Where(s => s.Good).OrderByDescending(s => s.LiveSince).Select(s => (ReleaseStamp?)s.Stamp).FirstOrDefault();
        }
    }
}
