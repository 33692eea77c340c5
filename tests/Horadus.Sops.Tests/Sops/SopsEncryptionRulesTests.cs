using System.Text;
using System.Text.RegularExpressions;
using Horadus.Sops.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Sops.Tests.Sops;

/// <summary>Each of sops's selection rules decides which values are encrypted, and decryption honours it.</summary>
public sealed class SopsEncryptionRulesTests
{
    private static readonly FakeTimeProvider Clock = new(SampleSecrets.Now);

    private static SopsMapping Tree() => new(
    [
        new(null, new SopsComment(" sops:enc")),
        new("data", new SopsMapping([new("password", SopsScalar.FromString("hunter2")), new("user_unencrypted", SopsScalar.FromString("alice"))])),
        new("kind", SopsScalar.FromString("Secret")),
        new("stringData", new SopsMapping([new("token", SopsScalar.FromString("t0k3n"))])),
        new("replicas", SopsScalar.FromInt(3)),
    ]);

    public static TheoryData<string, string, string[], string[]> Rules => new()
    {
        // option, value, keys whose values are encrypted, keys left in clear text
        { "unencrypted_suffix", "_unencrypted", ["password", "kind", "token", "replicas"], ["user_unencrypted"] },
        { "encrypted_suffix", "Data", ["token"], ["password", "user_unencrypted", "kind", "replicas"] },
        { "encrypted_regex", "^(data|stringData)$", ["password", "user_unencrypted", "token"], ["kind", "replicas"] },
        { "unencrypted_regex", "^(kind|replicas)$", ["password", "user_unencrypted", "token"], ["kind", "replicas"] },
        { "encrypted_comment_regex", "sops:enc", ["password", "user_unencrypted"], ["kind", "token", "replicas"] },
        // A comment applies to the next key only (and everything nested under it), as in sops.
        { "unencrypted_comment_regex", "sops:enc", ["kind", "token", "replicas"], ["password", "user_unencrypted"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Encrypt_WithARule_EncryptsExactlyTheSelectedValues_AndDecryptsBack(string rule, string value, string[] encrypted, string[] clear)
    {
        var file = SopsEncryptor.Encrypt(Tree(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock, Options(rule, value));
        var text = Encoding.UTF8.GetString(file);

        var document = SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First));

        Assert.Contains($"    {rule}: ", text, StringComparison.Ordinal);
        Assert.All(encrypted, key => Assert.Matches(new Regex($"^\\s*{key}: ENC\\[AES256_GCM,", RegexOptions.Multiline), text));
        Assert.All(clear, key => Assert.DoesNotMatch(new Regex($"^\\s*{key}: ENC\\[", RegexOptions.Multiline), text));
        Assert.Equal("hunter2", ((SopsScalar)((SopsMapping)document.Root["data"]!)["password"]!).AsText());
        Assert.Equal("3", Encoding.ASCII.GetString(((SopsScalar)document.Root["replicas"]!).CanonicalBytes));
        Assert.Equal(" sops:enc", ((SopsComment)document.Root.Items[0].Value).Text);
    }

    [Fact]
    public void Encrypt_ByDefault_EncryptsComments()
    {
        var text = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Tree(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock));

        Assert.StartsWith("#ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sops:enc", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_WithTwoRules_IsRefusedAsBySops()
    {
        var options = new SopsEncryptionOptions { EncryptedRegex = "^data$", UnencryptedSuffix = "_plain" };

        Assert.Throws<ArgumentException>(() => SopsEncryptor.Encrypt(Tree(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock, options));
    }

    [Fact]
    public void MacOnlyEncrypted_LetsClearTextValuesChange_WhileTheDefaultMacDoesNot()
    {
        var options = new SopsEncryptionOptions { EncryptedRegex = "^data$", MacOnlyEncrypted = true };
        var macOnly = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Tree(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock, options));
        var full = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Tree(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock, options with { MacOnlyEncrypted = false }));

        var editedMacOnly = macOnly.Replace("kind: Secret", "kind: ConfigMap", StringComparison.Ordinal);
        var editedFull = full.Replace("kind: Secret", "kind: ConfigMap", StringComparison.Ordinal);

        Assert.Contains("    mac_only_encrypted: true\n", macOnly, StringComparison.Ordinal);
        var document = SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(editedMacOnly), SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First));
        Assert.Equal("ConfigMap", ((SopsScalar)document.Root["kind"]!).AsText());
        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(editedFull), SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First)));
        Assert.Equal(SopsErrorKind.MacMismatch, error.Kind);
    }

    private static SopsEncryptionOptions Options(string rule, string value) => rule switch
    {
        "unencrypted_suffix" => new() { UnencryptedSuffix = value },
        "encrypted_suffix" => new() { EncryptedSuffix = value },
        "encrypted_regex" => new() { EncryptedRegex = value },
        "unencrypted_regex" => new() { UnencryptedRegex = value },
        "encrypted_comment_regex" => new() { EncryptedCommentRegex = value },
        "unencrypted_comment_regex" => new() { UnencryptedCommentRegex = value },
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
