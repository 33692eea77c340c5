using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>Every kind of bad input: a clear error with where and why, exit code 1, and the host exactly as it was.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> BrokenManifests => new()
    {
        { "malformed YAML", "version: 1\nrelease: [unclosed\n", "horadus.desired.yaml:3:1: error: " },
        { "unknown key", Valid().Replace("environment: development", "environment: development\nfavourite_colour: blue", StringComparison.Ordinal), "unknown key 'favourite_colour'" },
        { "mode 0999", Valid() + "modes:\n  file: \"0999\"\n", "modes.file" },
        { "mode rwx", Valid() + "modes:\n  file: rwx\n", "modes.file" },
        { "path traversal", Valid() + "mapping:\n  files:\n    ../etc/passwd: PASSWD_FILE\n", "../etc/passwd" },
        { "bad stamp", Valid().Replace("20260215T090000Z", "2026-02-15", StringComparison.Ordinal), "release.stamp" },
        // .NET's $ matched before a final newline: these passed the schema.
        { "mode with a trailing newline", Valid() + "modes:\n  file: \"0640\\n\"\n", "horadus.desired.yaml:9:9: error: modes.file: must be an octal mode" },
        { "file name with a trailing newline", Valid() + "mapping:\n  files:\n    \"abc\\n\": ABC_FILE\n", "horadus.desired.yaml:10:5: error: mapping.files.abc\\n: name 'abc\\n' must be a plain file name" },
        { "NUL in secrets_root", Valid().Replace("secrets_root: secrets", "secrets_root: \"sec\\0rets\"", StringComparison.Ordinal), "horadus.desired.yaml:3:15: error: secrets_root: must be a path such as /srv/horadus/secrets, without control characters" },
        { "newline in secrets_root", Valid().Replace("secrets_root: secrets", "secrets_root: \"secrets\\nx\"", StringComparison.Ordinal), "horadus.desired.yaml:3:15: error: secrets_root: must be a path" },
        { "NUL in the values directory", Valid().Replace("directory: values", "directory: \"val\\0ues\"", StringComparison.Ordinal), "horadus.desired.yaml:7:16: error: release.source.directory: must be a directory path" },
        { "tab in indentation", Valid() + "modes:\n\tfile: \"0640\"\n", "horadus.desired.yaml:9:1: error: malformed YAML" },
    };

    [Theory]
    [MemberData(nameof(BrokenManifests))]
    public async Task Plan_OfABrokenManifest_FailsWithWhereAndWhy_AndTouchesNothing(string what, string yaml, string expected)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        File.WriteAllText(sandbox.ManifestPath, yaml);
        var before = sandbox.TreeFingerprint();

        var plan = await sandbox.RunAsync("plan");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(plan.ExitCode == 1, $"{what}: {plan}");
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains(expected, plan.Error, StringComparison.Ordinal);
        Assert.Matches(@"horadus\.desired\.yaml:\d+:\d+: error: ", plan.Error);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Theory]
    [InlineData("elsewhere\nx", "elsewhere\\nx")]
    [InlineData("elsewhere\0x", "elsewhere\\0x")]
    public async Task Apply_WithAControlCharacterInTheRootOption_IsRefused_AndTouchesNothing(string root, string shown)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunAsync("apply", "--auto-approve", "--root", root);

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains($"error: --root '{shown}' is not a usable path (give a directory path without control characters)", apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_WithAMissingValue_NamesTheFile_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.Delete(Path.Combine(sandbox.Values, "openai_api_key"));
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("missing value for mapped file 'openai_api_key'", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WithAnEmptyValue_NamesTheFile_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.WriteAllText(Path.Combine(sandbox.Values, "secret_key"), string.Empty);
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("the value of 'secret_key' is empty", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WhenTheRootIsASymlink_IsRefused_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var real = Path.Combine(sandbox.Directory, "elsewhere");
        Directory.CreateDirectory(real);
        File.CreateSymbolicLink(sandbox.Root, real);
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("is a symlink", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WhenTheRootIsAFile_IsRefused_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        File.WriteAllText(sandbox.Root, "not a directory");
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("is not a directory", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WhenTheRootIsUnreadable_IsRefused_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        File.SetUnixFileMode(sandbox.Root, UnixFileMode.None);
        var before = sandbox.TreeFingerprint();

        // root reads everything, so as root the apply runs as an unprivileged user, as an operator without rights would.
        var apply = Owner.IsRoot
            ? await RunAsNobodyAsync(sandbox)
            : await sandbox.RunAsync("apply", "--auto-approve");

        File.SetUnixFileMode(sandbox.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("cannot be read", apply.Error, StringComparison.Ordinal);
        File.SetUnixFileMode(sandbox.Root, UnixFileMode.None);
        Assert.Equal(before, sandbox.TreeFingerprint());
        File.SetUnixFileMode(sandbox.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Apply_WithoutATerminal_AndWithoutAutoApprove_RefusesInsteadOfHanging()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync(null, interactive: false, "apply");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("pass --auto-approve, or apply a saved plan file (horadus plan --out FILE; horadus apply FILE)", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Rollback_WithoutATerminal_AndWithoutAutoApprove_RefusesAndSuggestsOnlyAutoApprove()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        sandbox.WriteManifest("20260301T000000Z");
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        var before = sandbox.TreeFingerprint();

        var rollback = await sandbox.RunAsync(null, interactive: false, "rollback");

        // A rollback has no saved plan to apply: the apply's hint would send the operator the wrong way.
        Assert.Equal(1, rollback.ExitCode);
        Assert.Equal("error: no terminal to confirm on; pass --auto-approve to roll back without being asked", rollback.Error.Trim());
        Assert.DoesNotContain("plan", rollback.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_OnATerminal_ProceedsOnlyOnYes()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();

        var declined = await sandbox.RunAsync("no\n", interactive: true, "apply");
        var nothing = Directory.Exists(sandbox.Root);
        var accepted = await sandbox.RunAsync("yes\n", interactive: true, "apply");

        Assert.Equal(1, declined.ExitCode);
        Assert.False(nothing);
        Assert.Contains("Only 'yes' will be accepted", declined.Output, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "current", "api_keys")));
    }

    [Fact]
    public async Task Apply_WithAForeignSymlinkInsideReleases_IsRefused()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        File.CreateSymbolicLink(Path.Combine(sandbox.Root, "releases", "20260101T000000Z"), "/etc");
        sandbox.WriteManifest("20260301T000000Z");
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("releases/20260101T000000Z is a symlink", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Plan_ReportsEntriesItDidNotCreate_AndLeavesThemAlone()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        await sandbox.RunAsync("apply", "--auto-approve");
        File.WriteAllText(Path.Combine(sandbox.Root, "releases", "README.txt"), "operator notes");

        var status = await sandbox.RunAsync("status");
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Contains("not managed by horadus: releases/README.txt", status.Output, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "releases", "README.txt")));
    }

    private static async Task<CliResult> RunAsNobodyAsync(Sandbox sandbox)
    {
        // Let "nobody" reach the manifest and values, not the secrets root.
        Owner.Run("chmod", "-R", "a+rX", sandbox.Values, sandbox.ManifestPath);
        Owner.Run("chmod", "a+x", sandbox.Directory);
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", HoradusProcess.Dll, "apply", "--auto-approve"])
        {
            WorkingDirectory = sandbox.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" },
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, output, error);
    }

    private static string Valid() =>
        "version: 1\nenvironment: development\nsecrets_root: secrets\nrelease:\n  stamp: \"20260215T090000Z\"\n  source:\n    directory: values\n";
}
