using Horadus.Core.Desired;

namespace Horadus.Core.History;

/// <summary>What the history says about a release: whether it ever went live and worked, whether it failed, and since when it is live.</summary>
public sealed record ReleaseStanding(ReleaseStamp Stamp, bool Good, bool Failed, DateTimeOffset? LiveSince, string? FailureReason);

/// <summary>
/// The inventory of releases Horadus created, derived from the apply history. Retention counts only good releases
/// and prunes only releases listed here; a failed release is not applied again by itself.
/// </summary>
public sealed class ReleaseLedger
{
    private readonly Dictionary<ReleaseStamp, ReleaseStanding> _standings;

    public ReleaseLedger(IEnumerable<ApplyRecord> records)
    {
        _standings = [];
        ReleaseStamp? live = null;
        foreach (var record in records.OrderBy(r => r.StartedAt))
        {
            var previous = _standings.GetValueOrDefault(record.Stamp);
            _standings[record.Stamp] = record.Outcome switch
            {
                // A repair of the live release (a chmod, say) does not restart its stability window.
                ApplyOutcome.Succeeded when live == record.Stamp && previous is { Good: true } => previous,
                ApplyOutcome.Succeeded => new ReleaseStanding(record.Stamp, true, false, record.FinishedAt ?? record.StartedAt, null),
                ApplyOutcome.Failed or ApplyOutcome.RolledBack when record.Kind == ApplyKind.Apply =>
                    new ReleaseStanding(record.Stamp, false, true, null, record.Message ?? record.Outcome.ToString()),
                _ => previous ?? new ReleaseStanding(record.Stamp, false, false, null, null),
            };
            if (record.Outcome == ApplyOutcome.Succeeded)
            {
                live = record.Stamp;
            }

            // A rollback away from a release marks it failed: it is not retried by itself.
            if (record is { Kind: ApplyKind.Rollback, Outcome: ApplyOutcome.Succeeded, Previous: { } left } && left != record.Stamp)
            {
                _standings[left] = new ReleaseStanding(left, false, true, null, record.Message ?? "rolled back");
            }
        }
    }

    public static ReleaseLedger Empty { get; } = new([]);

    public ReleaseStanding? Standing(ReleaseStamp stamp) => _standings.GetValueOrDefault(stamp);

    public bool IsKnown(ReleaseStamp stamp) => _standings.ContainsKey(stamp);

    public bool IsGood(ReleaseStamp stamp) => _standings.TryGetValue(stamp, out var s) && s.Good;

    public bool IsFailed(ReleaseStamp stamp) => _standings.TryGetValue(stamp, out var s) && s.Failed;

    public IEnumerable<ReleaseStanding> All => _standings.Values;
}
