using Horadus.Core.Desired;
using Horadus.Host.Tree;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// A host arranged to trick Horadus: hard links, foreign entries, system directories, entries of the wrong type where
/// Horadus writes. Each is refused with exit 1 and a message naming it, or left alone and reported; nothing moves.
/// </summary>
public sealed class HostileHostTests
{
    private const string Old = "20260215T090000Z";
    private const string New = "20260301T090000Z";
    private const string NobodyOwns = "ownership:\n  uid: 65534\n  gid: 65534\n";

    [Fact]
    public async Task Apply_WithAnOwnerChange_NeverTouchesAFileHardLinkedFromOutsideTheRoot()
    {
        Assert.SkipUnless(Owner.IsRoot, "giving files to another user needs root (CI runs as root)");
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(Old);
        await sandbox.RunAsync("apply", "--auto-approve");
        var outside = Path.Combine(sandbox.Directory, "outside-shadow");
        File.WriteAllText(outside, "root:only\n");
        File.SetUnixFileMode(outside, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var linked = Path.Combine(sandbox.Root, "releases", Old, "database_url");
        File.Delete(linked);
        Owner.Run("ln", "--", outside, linked);
        var outsideBefore = Describe(outside);
        sandbox.WriteManifest(New, NobodyOwns);

        var plan = await sandbox.RunAsync("plan");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"{linked} has 2 hard links", plan.All, StringComparison.Ordinal);
        Assert.Contains($"release/{Old}/file/database_url", plan.All, StringComparison.Ordinal);
        Assert.DoesNotMatch($@"~ release/{Old}/file/database_url\s", plan.Output);
        Assert.Matches($@"~ release/{Old}/file/api_keys\s", plan.Output);
        Assert.Equal(outsideBefore, Describe(outside));
        Assert.Equal("0:0 600", $"{Owner.Of(outside)} {Owner.ModeOf(outside)}");
        Assert.Equal("65534:65534", Owner.Of(Path.Combine(sandbox.Root, "releases", Old, "api_keys")));
    }

    [Fact]
    public void SetAttributes_OnAHardLinkedFile_IsRefusedByTheHostAdapter_AndChangesNothing()
    {
        using var sandbox = new Sandbox();
        var release = Path.Combine(sandbox.Root, "releases", Old);
        Directory.CreateDirectory(release);
        var outside = Path.Combine(sandbox.Directory, "outside");
        File.WriteAllText(outside, "someone else's\n");
        File.SetUnixFileMode(outside, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Owner.Run("ln", "--", outside, Path.Combine(release, "database_url"));
        var before = sandbox.TreeFingerprint();

        var refused = Assert.Throws<IOException>(() =>
            new PosixSecretsHost(sandbox.Root).SetAttributes($"releases/{Old}/database_url", 65534, 65534, new PermissionMode(0b110_100_100)));

        Assert.Contains($"releases/{Old}/database_url has 2 hard links", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WithAModeChange_LeavesFilesTheManifestDoesNotMapAsTheyAre_AndSaysSo()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(Old);
        await sandbox.RunAsync("apply", "--auto-approve");
        var foreign = Path.Combine(sandbox.Root, "releases", Old, "notes");
        File.WriteAllText(foreign, "left by someone\n");
        File.SetUnixFileMode(foreign, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        var folder = Path.Combine(sandbox.Root, "releases", Old, "cache");
        Directory.CreateDirectory(folder);
        var (foreignBefore, folderBefore) = (Describe(foreign), Describe(folder));
        sandbox.WriteManifest(New, "modes:\n  file: \"0600\"\n");

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"releases/{Old}/notes is a file the manifest does not map", apply.All, StringComparison.Ordinal);
        Assert.Contains($"{folder} is a directory Horadus did not write", apply.All, StringComparison.Ordinal);
        Assert.Equal(foreignBefore, Describe(foreign));
        Assert.Equal(folderBefore, Describe(folder));
        Assert.Equal("600", Owner.ModeOf(Path.Combine(sandbox.Root, "releases", Old, "api_keys")));
    }

    // Not /tmp: other processes add and remove entries there while the test runs.
    public static TheoryData<string> SystemDirectories => ["/", "/etc", "/usr", "/var/lib", "/root"];

    [Theory]
    [MemberData(nameof(SystemDirectories))]
    public async Task EveryCommand_WithASystemDirectoryAsRoot_IsRefused_AndWritesNothingThere(string root)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var (listing, before) = (Listing(root), sandbox.TreeFingerprint());

        await AssertRefusedAsync(sandbox, $"the secrets root {root} is a system directory", ["--root", root], rootItself: true);

        Assert.Equal(listing, Listing(root));
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WithASystemDirectoryReachedThroughALink_IsRefused()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.CreateSymbolicLink(Path.Combine(sandbox.Directory, "up"), "/");
        var root = Path.Combine(sandbox.Directory, "up", "etc");
        var before = sandbox.TreeFingerprint();

        await AssertRefusedAsync(sandbox, $"the secrets root {root} is a system directory", ["--root", root], rootItself: true);

        Assert.False(Path.Exists("/etc/.horadus"));
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_IntoANonEmptyDirectoryThatIsNotAHoradusRoot_IsRefused_UntilItIsAdopted()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "data"));
        File.WriteAllText(Path.Combine(sandbox.Root, "notes.txt"), "the operator's\n");
        var before = sandbox.TreeFingerprint();

        await AssertRefusedAsync(sandbox, $"the secrets root {sandbox.Root} is not empty and is not a Horadus root (it holds data, notes.txt)", [], rootItself: true);
        Assert.Equal(before, sandbox.TreeFingerprint());

        Directory.CreateDirectory(Path.Combine(sandbox.Root, ".horadus"));
        var adopted = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(adopted.ExitCode == 0, adopted.ToString());
        Assert.Equal("the operator's\n", File.ReadAllText(Path.Combine(sandbox.Root, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "current", "api_keys")));
    }

    public static TheoryData<string, bool, string> WrongTypeWhereHoradusWrites => new()
    {
        { $"releases/{New}", false, $"is a regular file where release {New} belongs" },
        { ".current.next", true, "is a directory, not the symlink Horadus renames over current" },
    };

    [Theory]
    [MemberData(nameof(WrongTypeWhereHoradusWrites))]
    public async Task Apply_WhenAnEntryOfTheWrongTypeTakesANameHoradusWrites_IsRefused_AndStagesNothing(string name, bool directory, string expected)
    {
        using var sandbox = await AppliedAsync();
        var taken = Path.Combine(sandbox.Root, name);
        if (directory)
        {
            Directory.CreateDirectory(taken);
        }
        else
        {
            File.WriteAllText(taken, "not Horadus'\n");
        }

        sandbox.WriteManifest(New);
        var before = sandbox.TreeFingerprint();

        await AssertRefusedAsync(sandbox, $"{taken} {expected}", []);

        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task EveryCommand_WhenTheStateDirectoryIsASymlink_IsRefused_AndWritesNothingIntoItsTarget()
    {
        using var sandbox = await AppliedAsync();
        var state = Path.Combine(sandbox.Root, ".horadus");
        var elsewhere = Path.Combine(sandbox.Directory, "elsewhere");
        Directory.Move(state, elsewhere);
        File.CreateSymbolicLink(state, elsewhere);
        sandbox.WriteManifest(New);
        var before = sandbox.TreeFingerprint();

        await AssertRefusedAsync(sandbox, $"{state} is a symlink, not a directory", [], rootItself: true);

        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Rollback_OnASymlinkedRoot_IsRefused_AndTakesNoLockInItsTarget()
    {
        using var sandbox = await AppliedAsync();
        sandbox.WriteManifest(New);
        await sandbox.RunAsync("apply", "--auto-approve");
        var real = Path.Combine(sandbox.Directory, "real-secrets");
        Directory.Move(sandbox.Root, real);
        File.CreateSymbolicLink(sandbox.Root, real);
        var before = sandbox.TreeFingerprint();

        var rollback = await sandbox.RunAsync("rollback", "--auto-approve");

        Assert.True(rollback.ExitCode == 1, rollback.ToString());
        Assert.Contains($"the secrets root {sandbox.Root} is a symlink", rollback.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    private static async Task<Sandbox> AppliedAsync()
    {
        var sandbox = new Sandbox();
        sandbox.WriteManifest(Old);
        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        return sandbox;
    }

    /// <summary>
    /// plan and apply (and rollback, for what is wrong with the root itself: it takes the lock before it reads the
    /// tree) each exit 1 with <paramref name="expected"/> on stderr.
    /// </summary>
    private static async Task AssertRefusedAsync(Sandbox sandbox, string expected, string[] options, bool rootItself = false)
    {
        string[][] commands = rootItself ? [["plan"], ["apply", "--auto-approve"], ["rollback", "--auto-approve"]] : [["plan"], ["apply", "--auto-approve"]];
        foreach (var command in commands)
        {
            var run = await sandbox.RunAsync([.. command, .. options]);
            Assert.True(run.ExitCode == 1, $"{command[0]}: {run}");
            Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>The names, types and modes directly in a (system) directory: enough to see anything Horadus would add.</summary>
    private static string Listing(string directory) => string.Join('\n', new DirectoryInfo(directory).EnumerateFileSystemInfos()
        .OrderBy(i => i.Name, StringComparer.Ordinal)
        .Select(i => $"{i.Name} {i.Attributes} {(i.LinkTarget is null ? i.UnixFileMode.ToString() : "-> " + i.LinkTarget)}"));

    /// <summary>Owner, mode and content of a file, or owner and mode of a directory, read through coreutils.</summary>
    private static string Describe(string path) =>
        $"{Owner.Of(path)} {Owner.ModeOf(path)} {(File.Exists(path) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) : "dir")}";
}
