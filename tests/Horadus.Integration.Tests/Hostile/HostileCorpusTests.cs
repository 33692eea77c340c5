using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests.Hostile;

/// <summary>
/// The hostile corpus (<see cref="HostileCorpus"/>), one case at a time: every command of the case exits 1, names the problem
/// and its place on stderr without a stack trace, within a deadline (a FIFO never hangs horadus); the sandbox is byte for
/// byte as it was (names, types, modes, owners, link targets, digests); nothing appears outside it.
/// </summary>
public sealed class HostileCorpusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => new(HostileCorpus.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostileInput_IsRefusedWithExit1_NamingTheProblemAndItsPlace_AndTheHostIsUnchanged(string name)
    {
        var hostile = HostileCorpus.All[name];
        using var sandbox = new Sandbox();
        sandbox.IsolateKeyDiscovery();
        await hostile.Arrange(sandbox);
        var before = sandbox.Snapshot();

        foreach (var command in hostile.Commands)
        {
            var run = await sandbox.RunWithDeadlineAsync(Deadline, command);

            Assert.True(run.ExitCode == 1, $"{name}: horadus {string.Join(' ', command)}: {run}");
            // status reports what is wrong with the root as part of its report (stdout); the others on stderr.
            var said = command[0] == "status" ? run.All : run.Error;
            Assert.True(said.Contains(hostile.Expected, StringComparison.Ordinal), $"{name}: horadus {string.Join(' ', command)} does not say '{hostile.Expected}': {run}");
            Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", run.All, StringComparison.Ordinal);
        }

        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
        foreach (var outside in hostile.Outside)
        {
            Assert.False(Path.Exists(Path.Combine(Path.GetDirectoryName(sandbox.Directory)!, outside)), $"{name}: {outside} appeared beside the sandbox");
        }
    }

    public static TheoryData<string> Repairs => new(HostileCorpus.Repairable.Keys);

    [Theory]
    [MemberData(nameof(Repairs))]
    public async Task AHostStateHoradusMaySetRight_IsConvergedByApply_WithoutTouchingAnythingOutsideTheRoot(string name)
    {
        using var sandbox = new Sandbox();
        await HostileCorpus.Repairable[name](sandbox);
        var outsideBefore = OutsideTheRoot(sandbox);
        var etc = Listing("/etc");

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");
        var plan = await sandbox.RunWithDeadlineAsync(Deadline, "plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, $"{name}: {apply}");
        Assert.True(plan.ExitCode == 0, $"{name}: {plan}");
        Assert.DoesNotContain("   at ", apply.All + plan.All, StringComparison.Ordinal);
        var current = new FileInfo(Path.Combine(sandbox.Root, "current")).LinkTarget;
        Assert.Equal(Path.Combine(sandbox.Root, "releases", HostileCorpus.New), Path.GetFullPath(current ?? "(not a link)", sandbox.Root));
        Assert.Empty(OutsideTheRoot(sandbox).DifferencesFrom(outsideBefore));
        Assert.Equal(etc, Listing("/etc"));
        Assert.False(Path.Exists(Path.Combine(Path.GetDirectoryName(sandbox.Directory)!, HostileCorpus.EscapeName)));
    }

    [Fact]
    public void TheCorpus_HoldsAtLeast120Cases_InEveryCategory()
    {
        var byCategory = HostileCorpus.All.Values.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.True(HostileCorpus.All.Count >= 120, $"{HostileCorpus.All.Count} cases");
        Assert.Equal(["host", "manifest", "sops"], byCategory.Keys.Order(StringComparer.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", byCategory.Select(p => $"{p.Key}: {p.Value}")));
    }

    /// <summary>The sandbox beside the secrets root (the values, the manifest, the folders links point at).</summary>
    private static TreeSnapshot OutsideTheRoot(Sandbox sandbox) => TreeSnapshot.Take(sandbox.Directory).Without("secrets");

    private static string Listing(string directory) => string.Join('\n', new DirectoryInfo(directory).EnumerateFileSystemInfos()
        .Select(i => $"{i.Name} {i.LastWriteTimeUtc:O}").Order(StringComparer.Ordinal));
}
