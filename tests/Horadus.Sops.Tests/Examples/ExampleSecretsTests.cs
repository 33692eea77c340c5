using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Examples;

/// <summary>examples/sops/secrets.enc.yaml opens with examples/sops/age-key.txt and holds the ten expected keys.</summary>
public sealed class ExampleSecretsTests
{
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
}
