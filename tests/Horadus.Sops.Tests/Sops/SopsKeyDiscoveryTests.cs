using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Sops;

public sealed class SopsKeyDiscoveryTests
{
    [Fact]
    public void Discover_ReadsEverySourceInSopsOrder_WithTheExplicitFileFirst()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("explicit.txt"), $"# public key: {TestKeys.MockRecipient}\n{TestKeys.MockSecret}\n");
        File.WriteAllText(temp.File("env-file.txt"), TestKeys.SecondSecret + "\n");
        Directory.CreateDirectory(temp.File("xdg/sops/age"));
        File.WriteAllText(temp.File("xdg/sops/age/keys.txt"), TestKeys.FirstSecret + "\n");
        var environment = Environment(
            ("SOPS_AGE_KEY", TestKeys.FirstSecret + " " + TestKeys.SecondSecret),
            ("SOPS_AGE_KEY_FILE", temp.File("env-file.txt")),
            ("SOPS_AGE_KEY_CMD", $"cat '{temp.File("env-file.txt")}'"),
            ("XDG_CONFIG_HOME", temp.File("xdg")));

        var ring = SopsKeyDiscovery.Discover(temp.File("explicit.txt"), environment);

        Assert.Equal(
            [TestKeys.MockRecipient, TestKeys.FirstRecipient, TestKeys.SecondRecipient, TestKeys.SecondRecipient, TestKeys.SecondRecipient, TestKeys.FirstRecipient],
            ring.Identities.Select(identity => identity.Recipient.Text));
        Assert.Equal(5, ring.Sources.Count);
        Assert.StartsWith("key file (", ring.Sources[0], StringComparison.Ordinal);
        Assert.StartsWith("SOPS_AGE_KEY: 2 identities", ring.Sources[1], StringComparison.Ordinal);
        Assert.StartsWith("SOPS_AGE_KEY_CMD", ring.Sources[3], StringComparison.Ordinal);
        Assert.Empty(ring.Problems);
    }

    [Fact]
    public void Discover_WithoutXdgConfigHome_UsesHomeDotConfig()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File(".config/sops/age"));
        File.WriteAllText(temp.File(".config/sops/age/keys.txt"), TestKeys.SecondSecret + "\n");

        var ring = SopsKeyDiscovery.Discover(null, Environment(("HOME", temp.Path)));

        Assert.Equal([TestKeys.SecondRecipient], ring.Identities.Select(identity => identity.Recipient.Text));
        Assert.Contains(Path.Combine(temp.Path, ".config", "sops", "age", "keys.txt"), ring.Sources[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_WithNothingConfigured_ReturnsAnEmptyRing()
    {
        using var temp = new TempDirectory();

        var ring = SopsKeyDiscovery.Discover(null, Environment(("HOME", temp.Path)));

        Assert.Empty(ring.Identities);
        Assert.Empty(ring.Sources);
    }

    [Fact]
    public void Discover_WhenTheKeyCommandFails_RecordsAProblemAndKeepsOtherSources()
    {
        var ring = SopsKeyDiscovery.Discover(null, Environment(
            ("SOPS_AGE_KEY_CMD", "echo nope >&2; exit 3"),
            ("SOPS_AGE_KEY", TestKeys.FirstSecret)));

        Assert.Single(ring.Identities);
        Assert.Contains(ring.Problems, problem => problem.Contains("exit status 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_WhenAnEnvironmentKeyIsMalformed_ReportsItWithoutTheKey()
    {
        var broken = TestKeys.FirstSecret[..^2] + "xx";

        var ring = SopsKeyDiscovery.Discover(null, Environment(("SOPS_AGE_KEY", broken)));

        Assert.Empty(ring.Identities);
        var problem = Assert.Single(ring.Problems);
        Assert.DoesNotContain(broken[20..], problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_WhenTheExplicitKeyFileIsMissing_Fails()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<SopsException>(() => SopsKeyDiscovery.Discover(temp.File("missing.txt"), Environment()));

        Assert.Equal(SopsErrorKind.KeySourceFailed, error.Kind);
    }

    [Fact]
    public void FromKeyFile_ReadsThatFileOnly_WhateverTheEnvironmentHolds()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("explicit.txt"), TestKeys.SecondSecret + "\n");

        // Discover reads the environment too; FromKeyFile must not, even with SOPS_AGE_KEY set in the process.
        var ring = SopsKeyDiscovery.FromKeyFile(temp.File("explicit.txt"));

        Assert.Equal([TestKeys.SecondRecipient], ring.Identities.Select(identity => identity.Recipient.Text));
        Assert.StartsWith("key file (", Assert.Single(ring.Sources), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero", "it is a character device, not a regular file")]
    [InlineData("/dev/null", "it is a character device, not a regular file")]
    public void Discover_WhenTheExplicitKeyFileIsADevice_FailsNamingIt_WithoutReadingIt(string path, string expected)
    {
        var error = Assert.Throws<SopsException>(() => SopsKeyDiscovery.Discover(path, Environment()));

        Assert.Equal(SopsErrorKind.KeySourceFailed, error.Kind);
        Assert.Contains($"failed to open key file {path}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_WhenTheKeyCommandPrintsWithoutEnd_StopsIt_AndRecordsAProblem()
    {
        var discover = Task.Run(() => SopsKeyDiscovery.Discover(null, Environment(("SOPS_AGE_KEY_CMD", "cat /dev/zero"), ("SOPS_AGE_KEY", TestKeys.FirstSecret))));

        var ring = await discover.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Single(ring.Identities);
        Assert.Contains(ring.Problems, problem => problem.Contains("the key command printed more than 1 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyRing_ToString_NeverShowsSecrets()
    {
        var ring = SopsKeyDiscovery.Discover(null, Environment(("SOPS_AGE_KEY", TestKeys.FirstSecret)));

        Assert.DoesNotContain("AGE-SECRET-KEY", ring.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", string.Join(";", ring.Sources), StringComparison.Ordinal);
        Assert.Contains(TestKeys.FirstRecipient, ring.ToString(), StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
