using System.Text;
using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Examples;

/// <summary>examples/sops/secrets.enc.yaml opens with examples/sops/age-key.txt and holds the ten expected keys.</summary>
public sealed class ExampleSecretsTests
{
    private const string RegenerateVariable = "HORADUS_WRITE_SOPS_EXAMPLE";

    private static string ExampleDirectory => Path.Combine(FixtureLocator.RequireRepositoryRoot(), "examples", "sops");

    [Fact]
    public void ExampleSecrets_DecryptWithTheExampleKey_ToTheTenExpectedKeys()
    {
        var keys = SopsKeyDiscovery.Discover(Path.Combine(ExampleDirectory, "age-key.txt"), _ => null);
        var path = Path.Combine(ExampleDirectory, "secrets.enc.yaml");

        var document = SopsDecryptor.Decrypt(File.ReadAllBytes(path), SopsFormats.FromPath(path), keys);

        Assert.Equal(ExampleSecrets.Expected.Keys, document.TopLevel.Select(pair => pair.Key));
        foreach (var (key, value) in document.TopLevel)
        {
            var actual = value.Kind == SopsValueKind.List ? value.Items.Select(SampleSecrets.Text).ToArray() : [SampleSecrets.Text(value.Scalar)];
            Assert.Equal(ExampleSecrets.Expected[key], actual);
        }
    }

    [Fact]
    public void ExampleKey_IsMarkedAsAPublicTestKey()
    {
        var text = File.ReadAllText(Path.Combine(ExampleDirectory, "age-key.txt"));

        Assert.StartsWith("# PUBLIC TEST KEY — for the examples and tests only; it protects nothing. Never use it for real secrets.\n", text, StringComparison.Ordinal);
        Assert.Single(AgeIdentity.ParseFile(text));
    }

    /// <summary>
    /// Rewrites the committed example with our encryptor, then checks it. Runs only with
    /// HORADUS_WRITE_SOPS_EXAMPLE=1 because it changes a file in the repository.
    /// </summary>
    [Fact]
    public void WriteExampleSecrets_WhenRequested_WritesAFileThatDecrypts()
    {
        if (Environment.GetEnvironmentVariable(RegenerateVariable) != "1")
        {
            Assert.Skip($"Set {RegenerateVariable}=1 to rewrite examples/sops/secrets.enc.yaml.");
        }

        var identity = Assert.Single(AgeIdentity.ParseFile(File.ReadAllText(Path.Combine(ExampleDirectory, "age-key.txt"))));
        var file = SopsEncryptor.Encrypt(ExampleSecrets.Values, SopsFormat.Yaml, [identity.Recipient], TimeProvider.System);
        File.WriteAllBytes(Path.Combine(ExampleDirectory, "secrets.enc.yaml"), file);

        ExampleSecrets_DecryptWithTheExampleKey_ToTheTenExpectedKeys();
        Assert.DoesNotContain("dev-password", Encoding.UTF8.GetString(file), StringComparison.Ordinal);
    }
}
