using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;

namespace Horadus.Core.Tests.Planning;

/// <summary>Owner and mode are repaired only on inodes Horadus wrote: single-link regular files the manifest maps.</summary>
public sealed class ForeignInodeTests
{
    private static readonly ReleaseStamp Older = ReleaseStamp.Parse("20260101T000000Z");

    [Fact]
    public void Plan_WithAnOwnerChange_NeverSetsAttributesOnAHardLinkedFile()
    {
        using var desired = Given.Desired();
        var observed = WithOlderFile(desired, f => f with { Links = 2 });

        var plan = Planner.Plan(desired with { Ownership = new Ownership(65534, 65534) }, observed, [], Ledger, Given.Now);

        Assert.DoesNotContain(plan.Changes, c => c.Operation is SetAttributes { RelativePath: "releases/20260101T000000Z/database_url" });
        Assert.Contains(plan.Changes, c => c.Operation is SetAttributes { RelativePath: "releases/20260101T000000Z/api_keys" });
    }

    [Fact]
    public void Plan_WithAModeChange_LeavesAnUnmappedFileAlone_AndWarnsWithItsAddress()
    {
        using var desired = Given.Desired();
        var observed = WithOlderFile(desired, f => f with { Name = "notes" });

        var plan = Planner.Plan(desired with { Modes = desired.Modes with { File = new PermissionMode(0b110_000_000) } }, observed, [], Ledger, Given.Now);

        Assert.DoesNotContain(plan.Changes, c => c.Operation is SetAttributes { RelativePath: "releases/20260101T000000Z/notes" });
        var warning = Assert.Single(plan.Diagnostics, d => d.Address == "release/20260101T000000Z/file/notes");
        Assert.Contains("a file the manifest does not map", warning.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_ShowAHardLink_SoASavedPlanNoticesOneMadeLater()
    {
        using var desired = Given.Desired();

        var linked = WithOlderFile(desired, f => f with { Links = 2 }).Facts();

        Assert.NotEqual(WithOlderFile(desired, f => f).Facts(), linked);
        Assert.Contains(linked, f => f.EndsWith(" 2 links", StringComparison.Ordinal));
    }

    private static ReleaseLedger Ledger => new([Given.Succeeded(Older, Given.Now.AddDays(-30)), Given.Succeeded(Given.New, Given.Now.AddDays(-2))]);

    /// <summary>The converged host plus an older release whose database_url is changed by <paramref name="change"/>.</summary>
    private static ObservedSnapshot WithOlderFile(DesiredState desired, Func<ObservedFile, ObservedFile> change)
    {
        var converged = Given.Converged(desired, Older);
        var older = converged.Releases[0];
        var files = older.Files.Select(f => f.Name == "database_url" ? change(f) : f).ToList();
        return converged with { Releases = [older with { Files = files }, converged.Releases[1]] };
    }
}
