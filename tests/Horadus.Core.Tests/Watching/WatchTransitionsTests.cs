using Horadus.Core.Drift;
using Horadus.Core.Watching;

namespace Horadus.Core.Tests.Watching;

/// <summary>Notifications on transitions only: a state that persists is reported once; an apply's end each time it happens.</summary>
public sealed class WatchTransitionsTests
{
    [Fact]
    public void Between_ADriftThatPersists_IsAnnouncedOnce_AndItsEndOnce()
    {
        var cycles = new[] { Outcome(CycleState.InSync), Outcome(CycleState.Drifted), Outcome(CycleState.Drifted), Outcome(CycleState.Drifted), Outcome(CycleState.InSync) };

        var events = cycles.Select((c, i) => WatchTransitions.Between(i == 0 ? null : cycles[i - 1], c)).ToList();

        Assert.Equal([[], [WatchEvent.DriftAppeared], [], [], [WatchEvent.DriftResolved]], events);
    }

    [Fact]
    public void Between_EachApplyEnd_IsNews_AndARollbackSaysSo()
    {
        Assert.Equal([WatchEvent.ApplySucceeded], WatchTransitions.Between(Outcome(CycleState.InSync), Outcome(CycleState.Applied)));
        Assert.Equal([WatchEvent.RolledBack], WatchTransitions.Between(Outcome(CycleState.InSync), Outcome(CycleState.RolledBack)));
        Assert.Equal([WatchEvent.ApplySucceeded, WatchEvent.DriftResolved], WatchTransitions.Between(Outcome(CycleState.Drifted), Outcome(CycleState.Applied)));
    }

    [Fact]
    public void Between_SuspendAndResume_AreAnnouncedOnce_AndErrorsLikeDrift()
    {
        Assert.Equal([WatchEvent.Suspended], WatchTransitions.Between(Outcome(CycleState.InSync), Outcome(CycleState.InSync, suspended: true)));
        Assert.Empty(WatchTransitions.Between(Outcome(CycleState.InSync, suspended: true), Outcome(CycleState.InSync, suspended: true)));
        Assert.Equal([WatchEvent.Resumed], WatchTransitions.Between(Outcome(CycleState.InSync, suspended: true), Outcome(CycleState.InSync)));
        Assert.Equal([WatchEvent.ErrorAppeared], WatchTransitions.Between(Outcome(CycleState.InSync), Outcome(CycleState.Error)));
        Assert.Empty(WatchTransitions.Between(Outcome(CycleState.Error), Outcome(CycleState.Error)));
        Assert.Equal([WatchEvent.ErrorResolved], WatchTransitions.Between(Outcome(CycleState.Error), Outcome(CycleState.InSync)));
    }

    [Theory]
    [InlineData(0, 0.5, 300)]
    [InlineData(0, 0.0, 285)]
    [InlineData(0, 0.999999, 315)]
    [InlineData(1, 0.5, 5)]
    [InlineData(3, 0.5, 20)]
    [InlineData(30, 0.5, 300)]
    public void NextDelay_IsTheIntervalWithFivePercentJitter_OrACappedBackoffAfterErrors(int errors, double random, double seconds)
    {
        var delay = WatchSchedule.NextDelay(TimeSpan.FromMinutes(5), errors, random);

        Assert.Equal(seconds, delay.TotalSeconds, 0.01);
    }

    private static CycleOutcome Outcome(CycleState state, bool suspended = false) =>
        new(state, DateTimeOffset.UnixEpoch, TimeSpan.Zero, new Dictionary<DriftKind, int>(), "20260101T000000Z", null, suspended, null);
}
