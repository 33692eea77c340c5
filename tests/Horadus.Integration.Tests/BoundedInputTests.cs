using Horadus.Cli.Rendering;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

/// <summary>
/// Every input is a regular file of bounded size: a device, a FIFO, a directory or a huge file given as the manifest,
/// the SOPS file, an age key, a value file, a plan or an encrypt input is refused by name, exit 1, the host untouched.
/// Each run has a deadline, so a reader that blocks on a FIFO fails the test instead of hanging CI.
/// </summary>
public sealed class BoundedInputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static string ExampleFile => Sandbox.ExampleSopsFile;

    private static string ExampleKey => Sandbox.ExampleAgeKey;

    public static TheoryData<string> NotRegular => new() { "/dev/zero", "/dev/urandom", "fifo", "directory" };

    public static TheoryData<string> TooLarge => new() { "manifest", "sops", "key", "value" };

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task Manifest_ThatIsNotARegularFile_IsRefusedByName_AndTouchesNothing(string kind)
    {
        using var sandbox = await AppliedSandboxAsync();
        var path = Make(sandbox, kind, "manifest");
        var before = sandbox.Snapshot();

        var plan = await sandbox.RunWithDeadlineAsync(Deadline, "plan", "-f", path);
        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve", "-f", path);

        AssertRefused(plan, $"cannot read the manifest '{path}' ({Expected(kind)}");
        AssertRefused(apply, $"cannot read the manifest '{path}' ({Expected(kind)}");
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task SopsFile_ThatIsNotARegularFile_IsRefusedByName_AndTouchesNothing(string kind)
    {
        using var sandbox = new Sandbox();
        var path = Make(sandbox, kind, "secrets.enc.yaml");
        sandbox.WriteSopsManifest(path, ExampleKey);
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");

        AssertRefused(apply, $"cannot read the SOPS file {path}: {Expected(kind)}");
        Assert.Contains("horadus.desired.yaml:7:", apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task AgeKeyFileOption_ThatIsNotARegularFile_IsRefusedByName_AndTouchesNothing(string kind)
    {
        using var sandbox = new Sandbox();
        var path = Make(sandbox, kind, "key.txt");
        sandbox.WriteSopsManifest(ExampleFile, keyFile: null);
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve", "--age-key-file", path);

        AssertRefused(apply, $"cannot load the age identities: failed to open key file {path}: {Expected(kind)}");
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task SopsAgeKeyFile_ThatIsNotARegularFile_IsNamedWhereHoradusLooked_AndTouchesNothing(string kind)
    {
        using var sandbox = new Sandbox();
        var path = Make(sandbox, kind, "key.txt");
        sandbox.WriteSopsManifest(ExampleFile, keyFile: null);
        sandbox.IsolateKeyDiscovery();
        sandbox.Environment["SOPS_AGE_KEY_FILE"] = path;
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");

        AssertRefused(apply, "no age identity to decrypt");
        Assert.Contains($"failed to open SOPS_AGE_KEY_FILE {path}: {Expected(kind)}", apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task ValueFile_ThatIsNotARegularFile_IsRefusedByName_AndTouchesNothing(string kind)
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var path = Path.Combine(sandbox.Values, "secret_key");
        File.Delete(path);
        if (kind.StartsWith('/'))
        {
            File.CreateSymbolicLink(path, kind);
        }
        else
        {
            Make(sandbox, kind, Path.Combine("values", "secret_key"));
        }

        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");

        AssertRefused(apply, $"cannot read the value of 'secret_key' from {path}: {Expected(kind)}");
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(TooLarge))]
    public async Task AFileOverItsLimit_IsRefusedWithTheLimit_WithoutReadingIt(string which)
    {
        using var sandbox = new Sandbox();
        var (path, limit) = which switch
        {
            "manifest" => (sandbox.ManifestPath, "1 MiB"),
            "sops" => (Path.Combine(sandbox.Directory, "secrets.enc.yaml"), "16 MiB"),
            "key" => (Path.Combine(sandbox.Directory, "key.txt"), "1 MiB"),
            _ => (Path.Combine(sandbox.Values, "secret_key"), "1 MiB"),
        };
        if (which is "sops" or "key")
        {
            sandbox.WriteSopsManifest(which == "sops" ? path : ExampleFile, which == "key" ? path : ExampleKey);
        }
        else
        {
            sandbox.WriteManifest();
        }

        // Sparse: a 1 GiB file costs no disk, and reading it whole is what used to exhaust memory.
        using (var file = File.Open(path, FileMode.OpenOrCreate))
        {
            file.SetLength(1L << 30);
        }

        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");

        AssertRefused(apply, $"{path}");
        Assert.Contains($"it is larger than {limit}, the limit for this kind of file", apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task ADecryptedValueOverTheValueLimit_IsRefusedByName_BeforeAnyReleaseIsWritten()
    {
        using var sandbox = new Sandbox();
        var plain = await sandbox.WriteEncryptedValuesAsync($"secret_key: {new string('k', 1536 * 1024)}\n");
        sandbox.WriteSopsManifest(plain, ExampleKey, "mapping:\n  defaults: none\n  files:\n    secret_key: SECRET_KEY_FILE\n");
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunWithDeadlineAsync(Deadline, "apply", "--auto-approve");

        AssertRefused(apply, "the value of 'secret_key' is larger than 1 MiB, the limit for one secret value");
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task SecretsEncrypt_OfAnInputThatIsNotARegularFile_IsRefusedByName(string kind)
    {
        using var sandbox = new Sandbox();
        var path = Make(sandbox, kind, "plain.yaml");
        var before = sandbox.Snapshot();

        var encrypt = await sandbox.RunWithDeadlineAsync(Deadline, "secrets", "encrypt", path, "--age", Sandbox.ExampleRecipient, "--out", Path.Combine(sandbox.Directory, "out.yaml"));

        AssertRefused(encrypt, $"cannot read {path}: {Expected(kind)}");
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Theory]
    [MemberData(nameof(NotRegular))]
    public async Task SavedPlan_ThatIsNotARegularFile_IsRefusedByName(string kind)
    {
        using var sandbox = new Sandbox();
        var path = Make(sandbox, kind, "plan.json");

        var error = await Assert.ThrowsAsync<IOException>(() => Task.Run(() => PlanDocument.Read(path)).WaitAsync(Deadline, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: {Expected(kind)}", error.Message);
    }

    [Fact]
    public async Task SavedPlan_OverItsLimit_IsRefusedWithTheLimit()
    {
        using var sandbox = new Sandbox();
        var path = Path.Combine(sandbox.Directory, "plan.json");
        using (var file = File.Create(path))
        {
            file.SetLength(1L << 30);
        }

        var error = await Assert.ThrowsAsync<IOException>(() => Task.Run(() => PlanDocument.Read(path)).WaitAsync(Deadline, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: it is larger than 16 MiB, the limit for this kind of file", error.Message);
    }

    private static async Task<Sandbox> AppliedSandboxAsync()
    {
        var sandbox = new Sandbox();
        sandbox.WriteManifest();
        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        return sandbox;
    }

    /// <summary>A device path as is; otherwise a FIFO or a directory created in the sandbox under <paramref name="name"/>.</summary>
    private static string Make(Sandbox sandbox, string kind, string name)
    {
        if (kind.StartsWith('/'))
        {
            return kind;
        }

        var path = Path.Combine(sandbox.Directory, name);
        if (kind == "fifo")
        {
            Owner.Run("mkfifo", "--", path);
        }
        else
        {
            Directory.CreateDirectory(path);
        }

        return path;
    }

    private static string Expected(string kind) => kind switch
    {
        "fifo" => "it is a named pipe, not a regular file; give the path of a regular file",
        "directory" => "it is a directory, not a regular file; give the path of a regular file",
        _ => "it is a character device, not a regular file; give the path of a regular file",
    };

    private static void AssertRefused(CliResult run, string expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }
}
