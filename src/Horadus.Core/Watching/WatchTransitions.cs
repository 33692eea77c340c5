namespace Horadus.Core.Watching;

/// <summary>
/// Which notifications a cycle's outcome deserves, given the one before: transitions only (drift appeared, resolved; an
/// apply's end; suspended, resumed), so that a state that persists is reported once, not every cycle.
/// </summary>
public static class WatchTransitions
{
    public static IReadOnlyList<WatchEvent> Between(CycleOutcome? previous, CycleOutcome current)
    {
        var events = new List<WatchEvent>();
        if (previous?.Suspended != current.Suspended && (previous is not null || current.Suspended))
        {
            events.Add(current.Suspended ? WatchEvent.Suspended : WatchEvent.Resumed);
        }

        // An apply's end is news each time it happens: it is a thing done, not a state.
        switch (current.State)
        {
            case CycleState.Applied:
                events.Add(WatchEvent.ApplySucceeded);
                break;
            case CycleState.RolledBack:
                events.Add(WatchEvent.RolledBack);
                break;
            case CycleState.ApplyFailed:
                events.Add(WatchEvent.ApplyFailed);
                break;
        }

        var wasDrifted = previous?.State == CycleState.Drifted;
        var isDrifted = current.State == CycleState.Drifted;
        if (isDrifted && !wasDrifted)
        {
            events.Add(WatchEvent.DriftAppeared);
        }
        else if (wasDrifted && current.State is CycleState.InSync or CycleState.Applied)
        {
            events.Add(WatchEvent.DriftResolved);
        }

        var wasError = previous?.State == CycleState.Error;
        var isError = current.State == CycleState.Error;
        if (isError && !wasError)
        {
            events.Add(WatchEvent.ErrorAppeared);
        }
        else if (wasError && !isError)
        {
            events.Add(WatchEvent.ErrorResolved);
        }

        return events;
    }
}
