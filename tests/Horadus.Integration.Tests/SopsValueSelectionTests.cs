using Horadus.Integration.Tests.Support;
using Horadus.Tests.Shared;

namespace Horadus.Integration.Tests;

/// <summary>
/// SOPS files written by other tools (the vendored fixtures of getsops/sops, fluxcd and humphd/sops-age) hold nested maps
/// and keys the app does not need: values are selected by key path, unmapped keys may be ignored, and values no file can
/// hold (a mapping, a null) are refused by key, exit 1, the host untouched.
/// </summary>
public sealed class SopsValueSelectionTests
{
    private const string GetsopsExample = "getsops-sops/example.yaml";
    private const string GetsopsKey = "getsops-sops/age/keys.txt";

    [Fact]
    public async Task Apply_SelectsNestedValuesByKeyPath_AndIgnoresUnmappedKeysWhenAskedTo()
    {
        using var sandbox = new Sandbox();
        WriteManifest(sandbox, GetsopsExample, GetsopsKey, unmapped: "ignore", files: """
                db_user: { variable: DB_USER_FILE, key: app2/db/user }
                db_password: { variable: DB_PASSWORD_FILE, key: app2/db/password }
                nested: { variable: NESTED_FILE, key: this/is/a/nested/value }
                myapp1: MYAPP1_FILE
            """);

        var apply = await sandbox.RunAsync("apply", "--auto-approve");
        var plan = await sandbox.RunAsync("plan", "--detailed-exitcode");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(0, plan.ExitCode);
        var current = Path.Combine(sandbox.Root, "current");
        Assert.Equal("eve", File.ReadAllText(Path.Combine(current, "db_user")));
        Assert.Equal("c4r1b0u", File.ReadAllText(Path.Combine(current, "db_password")));
        Assert.Equal("with something secret in it", File.ReadAllText(Path.Combine(current, "nested")));
        Assert.Equal("t00m4nys3cr3tzupdated", File.ReadAllText(Path.Combine(current, "myapp1")));
        Assert.Equal(["db_password", "db_user", "myapp1", "nested"], Directory.GetFiles(current).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("c4r1b0u", apply.All + plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_SelectsAKubernetesSecretsStringData_FromAFluxFixture()
    {
        using var sandbox = new Sandbox();
        WriteManifest(sandbox, "fluxcd-kustomize-controller/testdata/sops/algorithms/age.yaml", "fluxcd-kustomize-controller/testdata/sops/keys/age.txt", unmapped: "ignore", files: """
                api_token: { variable: API_TOKEN_FILE, key: stringData/key }
            """);

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("value", File.ReadAllText(Path.Combine(sandbox.Root, "current", "api_token")));
    }

    [Fact]
    public async Task Apply_ByDefault_NamesEveryUnmappedKey_NestedOnesByPath_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        WriteManifest(sandbox, GetsopsExample, GetsopsKey, unmapped: null, files: """
                db_user: { variable: DB_USER_FILE, key: app2/db/user }
            """);
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        foreach (var key in new[] { "myapp1", "app2/db/password", "app2/key", "this", "an_array", "nested_unencrypted" })
        {
            Assert.Contains($"has a key the mapping does not name: '{key}'", apply.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("'app2/db/user'", apply.Error, StringComparison.Ordinal);
        Assert.Contains("unmapped_keys: ignore", apply.Error, StringComparison.Ordinal);
        Assert.Matches(@"horadus\.desired\.yaml:7:\d+: error: ", apply.Error);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_OfANestedMappingWithoutAKeyPath_IsRefusedByKey_WithItsKeys_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        WriteManifest(sandbox, GetsopsExample, GetsopsKey, unmapped: "ignore", files: """
                app2: APP2_FILE
            """);
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("error: mapping.app2: the value of 'app2' is a mapping: key 'app2' in ", apply.Error, StringComparison.Ordinal);
        Assert.Contains("select one of its values with key: app2/<name> (it has: db, key)", apply.Error, StringComparison.Ordinal);
        Assert.Matches(@"horadus\.desired\.yaml:13:\d+: error: mapping\.app2: ", apply.Error);
        Assert.DoesNotContain("sha256:e3b0", apply.All, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_OfAKeyPathThatIsNotThere_NamesThePath_AndTouchesNothing()
    {
        using var sandbox = new Sandbox();
        WriteManifest(sandbox, GetsopsExample, GetsopsKey, unmapped: "ignore", files: """
                db_host: { variable: DB_HOST_FILE, key: app2/db/host }
            """);
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("missing value for mapped file 'db_host': ", apply.Error, StringComparison.Ordinal);
        Assert.Contains("has no key 'app2/db/host'", apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task SecretsCheck_ShowsANestedValueAsAMapping_NotAsAnEmptyValue()
    {
        using var sandbox = new Sandbox();

        var check = await sandbox.RunAsync("secrets", "check", FixtureLocator.RequireFile(GetsopsExample), "--age-key-file", FixtureLocator.RequireFile(GetsopsKey));

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Matches(@"app2\s+mapping of 2 keys\s+-", check.Output);
        Assert.DoesNotContain("sha256:e3b0", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("c4r1b0u", check.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret_key: null\n", "secret_key", "12:17", "the value of 'secret_key' is null: key 'secret_key' in {0} holds no string")]
    [InlineData("api_keys:\n  - first-key\n  - null\n", "api_keys", "12:15", "the value of 'api_keys' has a null item: key 'api_keys' in {0}")]
    public async Task Apply_OfANullSopsValue_IsRefusedByKey_InsteadOfWritingTheWordNull(string plainYaml, string file, string position, string expected)
    {
        using var sandbox = new Sandbox();
        var plain = await sandbox.WriteEncryptedValuesAsync(plainYaml);
        sandbox.WriteSopsManifest(plain, Sandbox.ExampleAgeKey, $"mapping:\n  defaults: none\n  files:\n    {file}: {file.ToUpperInvariant()}_FILE\n");
        var before = sandbox.Snapshot();

        var apply = await sandbox.RunAsync("apply", "--auto-approve");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"horadus.desired.yaml:{position}: error: mapping.{file}: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, plain), apply.Error, StringComparison.Ordinal);
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task AgeKeyFileOption_WinsOverSopsAgeKeyFile_AsItsHelpSays()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteSopsManifest(Sandbox.ExampleSopsFile, keyFile: null);
        sandbox.IsolateKeyDiscovery();
        // The environment holds the right key, the option a wrong one: the option is the one used, so decryption fails.
        sandbox.Environment["SOPS_AGE_KEY_FILE"] = Sandbox.ExampleAgeKey;
        var wrongKey = FixtureLocator.RequireFile(GetsopsKey);
        var before = sandbox.Snapshot();

        var overridden = await sandbox.RunAsync("apply", "--auto-approve", "--age-key-file", wrongKey);
        var fromEnvironment = await sandbox.RunAsync("plan");

        Assert.Equal(1, overridden.ExitCode);
        Assert.Contains("cannot decrypt", overridden.Error, StringComparison.Ordinal);
        Assert.Contains($"identities from: key file ({wrongKey}): 2 identities", overridden.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SOPS_AGE_KEY_FILE (", overridden.Error, StringComparison.Ordinal);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        TreeSnapshot.AssertUnchanged(before, sandbox.Snapshot());
    }

    /// <summary>A production manifest on a vendored fixture: line 7 is release.source.sops, the first mapping.files entry is line 13.</summary>
    private static void WriteManifest(Sandbox sandbox, string fixture, string key, string? unmapped, string files) =>
        File.WriteAllText(sandbox.ManifestPath,
            "version: 1\nenvironment: production\nsecrets_root: secrets\nrelease:\n  stamp: \"20260215T090000Z\"\n  source:\n" +
            $"    sops: {FixtureLocator.RequireFile(fixture)}\n" +
            $"    age_key_file: {FixtureLocator.RequireFile(key)}\n" +
            (unmapped is null ? "    # unmapped_keys: error (the default)\n" : $"    unmapped_keys: {unmapped}\n") +
            "mapping:\n  defaults: none\n  files:\n" +
            files.TrimEnd() + "\n");
}
