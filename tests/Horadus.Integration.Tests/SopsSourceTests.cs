using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;

namespace Horadus.Integration.Tests;

/// <summary>Values from a SOPS file, through the CLI, with the repository's example file and its public test key.</summary>
public sealed class SopsSourceTests
{
    private static string ExampleFile => Sandbox.ExampleSopsFile;

    private static string ExampleKey => Sandbox.ExampleAgeKey;

    [Fact]
    public async Task Apply_FromASopsFile_WritesTheDecryptedValues_AndListsAsNewlineSeparatedLines()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteSopsManifest(ExampleFile, ExampleKey);

        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        var plan = await sandbox.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal("dev-api-key-fake-one\ndev-api-key-fake-two", File.ReadAllText(Path.Combine(sandbox.Root, "current", "api_keys")));
        Assert.Equal("postgresql://horadus:dev-password@127.0.0.1:5432/horadus", File.ReadAllText(Path.Combine(sandbox.Root, "current", "database_url")));
        Assert.DoesNotContain("dev-password", apply.All + plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FindsTheKeyThroughSopsAgeKeyFile()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteSopsManifest(ExampleFile, keyFile: null);
        sandbox.Environment["SOPS_AGE_KEY_FILE"] = ExampleKey;
        sandbox.Environment["XDG_CONFIG_HOME"] = sandbox.Directory;

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
    }

    [Fact]
    public async Task Apply_WithNoKeyAnywhere_SaysWhereItLooked_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteSopsManifest(ExampleFile, keyFile: null);
        sandbox.IsolateKeyDiscovery();
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("no age identity to decrypt", apply.Error, StringComparison.Ordinal);
        Assert.Contains("SOPS_AGE_KEY_FILE", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WithTheWrongKey_ReportsNoMatchingIdentity_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        var wrongKey = Path.Combine(sandbox.Directory, "wrong.txt");
        File.WriteAllText(wrongKey, File.ReadAllText(FixtureLocator.RequireFile("getsops-sops/age/keys.txt")));
        sandbox.WriteSopsManifest(ExampleFile, wrongKey);
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("cannot decrypt", apply.Error, StringComparison.Ordinal);
        Assert.Contains("age1ahuhf9768gj6mxmepr3gzs6jar5svw5rk8q4reup92xf07vs732s4pj6ts", apply.Error, StringComparison.Ordinal);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_OfATamperedFile_IsRefusedWithSopsReason_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        var tampered = Path.Combine(sandbox.Directory, "secrets.enc.yaml");
        var text = File.ReadAllText(ExampleFile);
        var at = text.IndexOf("redis_url: ENC[AES256_GCM,data:", StringComparison.Ordinal) + "redis_url: ENC[AES256_GCM,data:".Length;
        var flipped = text[at] == 'A' ? 'B' : 'A';
        File.WriteAllText(tampered, text[..at] + flipped + text[(at + 1)..]);
        sandbox.WriteSopsManifest(tampered, ExampleKey);
        var before = sandbox.TreeFingerprint();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        var check = await sandbox.RunAsync("secrets", "check", tampered, "--age-key-file", ExampleKey);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("redis_url", apply.Error, StringComparison.Ordinal);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(before, sandbox.TreeFingerprint());
    }

    [Fact]
    public async Task Apply_WhenTheSopsFileLacksAMappedKeyOrHasAnExtraOne_NamesThem()
    {
        using var sandbox = new Sandbox();
        var plain = Path.Combine(sandbox.Directory, "plain.yaml");
        File.WriteAllText(plain, string.Join("\n", Sandbox.RunbookFiles.Where(f => f != "secret_key").Select(f => $"{f}: value-of-{f}")) + "\nsecret_kee: typo\n");
        var encrypt = await sandbox.RunAsync("secrets", "encrypt", plain, "--age", "age1ahuhf9768gj6mxmepr3gzs6jar5svw5rk8q4reup92xf07vs732s4pj6ts", "--in-place");
        sandbox.WriteSopsManifest(plain, ExampleKey);

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("missing value for mapped file 'secret_key'", apply.Error, StringComparison.Ordinal);
        Assert.Contains("has a key the mapping does not name: 'secret_kee'", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsCheck_ListsKeysWithFingerprints_AndNeverValues()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteSopsManifest(ExampleFile, ExampleKey);

        var check = await sandbox.RunAsync("secrets", "check");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("MAC verified", check.Output, StringComparison.Ordinal);
        Assert.Contains("openai_api_key", check.Output, StringComparison.Ordinal);
        Assert.Matches(@"api_keys\s+list of 2\s+41 B\s+hmac:[0-9a-f]{12}", check.Output);
        Assert.Contains("Every one of the 10 mapped files has a value.", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", check.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsEncrypt_ThenApply_RotatesTheValuesWithoutTheSopsBinary()
    {
        using var sandbox = new Sandbox();
        var plain = Path.Combine(sandbox.Directory, "rotation.yaml");
        File.WriteAllText(plain, string.Join("\n", Sandbox.RunbookFiles.Select(f => f.Contains("url", StringComparison.Ordinal) || f == "celery_result_backend" ? $"{f}: redis://127.0.0.1:6379/0" : $"{f}: rotated-{f}")) + "\n");
        var output = Path.Combine(sandbox.Directory, "rotation.enc.yaml");

        var encrypt = await sandbox.RunAsync("secrets", "encrypt", plain, "--age", "age1ahuhf9768gj6mxmepr3gzs6jar5svw5rk8q4reup92xf07vs732s4pj6ts", "--out", output);
        sandbox.WriteSopsManifest(output, ExampleKey);
        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        Assert.DoesNotContain("rotated-", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("rotated-openai_api_key", File.ReadAllText(Path.Combine(sandbox.Root, "current", "openai_api_key")));
    }

    [Fact]
    public async Task SecretsEncrypt_WithoutARecipient_SaysHowToGiveOne()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["SOPS_AGE_RECIPIENTS"] = null;
        var plain = Path.Combine(sandbox.Directory, "plain.yaml");
        File.WriteAllText(plain, "a: b\n");

        var encrypt = await sandbox.RunAsync("secrets", "encrypt", plain);

        Assert.Equal(1, encrypt.ExitCode);
        Assert.Contains("pass --age age1...", encrypt.Error, StringComparison.Ordinal);
        Assert.Equal("a: b\n", File.ReadAllText(plain));
    }
}
