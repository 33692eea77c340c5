using System.Text;
using System.Text.Json;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Conformance;

/// <summary>Every fixture written by real sops decrypts exactly as the independent verifier says (EXPECTED.json).</summary>
public sealed class FixtureConformanceTests
{
    public static TheoryData<string> FixtureIds => ExpectedFixtures.Ids();

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void Decrypt_OfRealSopsFixture_MatchesTheIndependentVerifier(string id)
    {
        var directory = FixtureLocator.RequireFixtures();
        var expected = ExpectedFixtures.Get(id);
        var file = File.ReadAllBytes(Path.Combine(directory, id));
        var keys = Keys.FromFile(Path.Combine(directory, expected.GetProperty("keyFile").GetString()!));
        var format = ParseFormat(expected.GetProperty("format").GetString()!);
        var outcome = expected.GetProperty("expected").GetString()!;

        if (outcome == "error: MAC mismatch")
        {
            var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(file, format, keys));
            Assert.Equal(SopsErrorKind.MacMismatch, error.Kind);
            Assert.Equal(expected.GetProperty("macFile").GetString(), error.FileMac);
            Assert.Equal(expected.GetProperty("macComputed").GetString(), error.ComputedMac);
            return;
        }

        if (outcome == "error")
        {
            var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(file, format, keys));
            var message = expected.GetProperty("error").GetString()!;
            Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
            Assert.Contains($"'{error.AadPath}'", message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal("ok", outcome);
        var document = SopsDecryptor.Decrypt(file, format, keys);
        Assert.Equal(expected.GetProperty("dataKeyHex").GetString(), Convert.ToHexStringLower(document.DataKey));
        Assert.Equal(expected.GetProperty("macHex").GetString(), document.Mac);
        AssertLeaves(expected, document);
        Assert.Equal(
            Canonical(expected.GetProperty("plaintext")),
            Canonical(JsonDocument.Parse(TreeJson.Serialize(document.Root)).RootElement));
    }

    [Fact]
    public void Decrypt_OfAFixtureWithAKeyFromAnotherProject_FailsWithNoMatchingIdentity()
    {
        var directory = FixtureLocator.RequireFixtures();
        var file = File.ReadAllBytes(Path.Combine(directory, "humphd-sops-age/tests/data/secret.enc.json"));
        var keys = Keys.FromFile(Path.Combine(directory, "fluxcd-kustomize-controller/testdata/sops/keys/age.txt"));

        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(file, SopsFormat.Json, keys));

        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Equal(3, error.RecipientsPresent.Count);
        Assert.Contains("age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvr", error.RecipientsPresent);
        Assert.Contains("Group 0: FAILED", error.Message, StringComparison.Ordinal);
        Assert.Contains("no identity matched any of the recipients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OfTheKubernetesSecretWrappingABinaryFile_OpensTheInnerDocument()
    {
        var directory = FixtureLocator.RequireFixtures();
        var inner = File.ReadAllBytes(Path.Combine(directory, "fluxcd-kustomize-controller/testdata/sops/inside/secret.inner.json"));
        var keys = Keys.FromFile(Path.Combine(directory, "fluxcd-kustomize-controller/testdata/sops/keys/age.txt"));

        var document = SopsDecryptor.Decrypt(inner, SopsFormat.Binary, keys);

        var (key, value) = Assert.Single(document.TopLevel);
        Assert.Equal("data", key);
        Assert.Equal("value"u8.ToArray(), value.Scalar);
    }

    private static void AssertLeaves(JsonElement expected, SopsDocument document)
    {
        var expectedValues = expected.GetProperty("values").EnumerateArray()
            .Select(v => (Aad: v.GetProperty("aad").GetString()!, Type: v.GetProperty("type").GetString()!, Text: v.GetProperty("plaintext").GetString()!))
            .ToList();
        var expectedComments = expected.TryGetProperty("encryptedComments", out var comments)
            ? comments.EnumerateArray().Select(c => (Aad: c.GetProperty("aad").GetString()!, Type: "comment", Text: c.GetProperty("text").GetString()!)).ToList()
            : [];
        var actual = document.DecryptedLeaves.Select(leaf => (leaf.Aad, leaf.Type, Text: Encoding.UTF8.GetString(leaf.Plaintext))).ToList();

        Assert.Equal(expectedValues.Where(v => v.Type != "comment"), actual.Where(v => v.Type != "comment"));
        Assert.Equal(
            expectedValues.Where(v => v.Type == "comment").Concat(expectedComments).Distinct().OrderBy(c => c.Aad, StringComparer.Ordinal).ThenBy(c => c.Text, StringComparer.Ordinal),
            actual.Where(v => v.Type == "comment").OrderBy(c => c.Aad, StringComparer.Ordinal).ThenBy(c => c.Text, StringComparer.Ordinal));
    }

    internal static SopsFormat ParseFormat(string format) => format switch
    {
        "yaml" => SopsFormat.Yaml,
        "json" => SopsFormat.Json,
        "dotenv" => SopsFormat.Dotenv,
        "ini" => SopsFormat.Ini,
        "binary" => SopsFormat.Binary,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Re-serialises JSON with numbers normalised, so 25.4 and 25.40 or 7 and 7.0 compare equal.</summary>
    internal static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Number => element.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };
}
