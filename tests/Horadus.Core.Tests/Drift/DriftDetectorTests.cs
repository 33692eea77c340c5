using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Drift;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Horadus.Core.Tests.Planning;

namespace Horadus.Core.Tests.Drift;

/// <summary>Drift is the plan read as differences, plus what the plan reports without changing; housekeeping is not drift.</summary>
public sealed class DriftDetectorTests
{
    [Fact]
    public void Detect_OnAConvergedHost_IsInSync()
    {
        using var desired = Given.Desired();
        var observed = Given.Converged(desired);

        var report = DriftDetector.Detect(Planner.Plan(desired, observed, [], Proven(), Given.Now), observed);

        Assert.True(report.InSync);
    }

    [Fact]
    public void Detect_ReadsEachChangeAsAKindOfDrift_AndAddsForeignEntries_ButNotRetentionDue()
    {
        using var old = Given.Desired(Given.Old);
        using var desired = Given.Desired(Given.New, new RetentionPolicy(0, TimeSpan.Zero));
        var observed = Given.Converged(old, Given.Older) with { Foreign = [new ForeignEntry("notes.txt", EntryType.File)] };
        var ledger = new ReleaseLedger([Given.Succeeded(Given.Older, Given.Now.AddDays(-9)), Given.Succeeded(Given.Old, Given.Now.AddDays(-8))]);

        var report = DriftDetector.Detect(Planner.Plan(desired, observed, [], ledger, Given.Now), observed);

        Assert.Equal([DriftKind.ReleaseMissing, DriftKind.Current, DriftKind.Unproven, DriftKind.Foreign], report.Items.Select(i => i.Kind));
        Assert.Equal("notes.txt", report.Items[^1].Address);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public void Detect_OtherContentInTheDesiredRelease_IsDrift_NotAnError()
    {
        using var desired = Given.Desired();
        using var tampered = Given.Desired(files: [("database_url", "postgresql://db/other"), ("api_keys", "k1,k2")]);
        var observed = Given.Converged(tampered);

        var report = DriftDetector.Detect(Planner.Plan(desired, observed, [], Proven(), Given.Now), observed);

        var item = Assert.Single(report.Items);
        Assert.Equal(DriftKind.Content, item.Kind);
        Assert.Equal("release/20260215T090000Z", item.Address);
        Assert.Empty(report.Errors);
        Assert.False(report.InSync);
    }

    private static ReleaseLedger Proven() => new([Given.Succeeded(Given.New, Given.Now.AddDays(-1))]);
}
