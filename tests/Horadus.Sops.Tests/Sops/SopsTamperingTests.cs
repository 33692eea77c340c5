using System.Text;
using System.Text.RegularExpressions;
using Horadus.Sops.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Sops.Tests.Sops;

public sealed partial class SopsTamperingTests
{
    private static readonly SopsKeyRing FirstKey = SopsKeyRing.FromIdentities(TestKeys.First);

    private static string EncryptedYaml() => Encoding.UTF8.GetString(
        SopsEncryptor.Encrypt(SampleSecrets.WithList(), SopsFormat.Yaml, [TestKeys.First.Recipient], new FakeTimeProvider(SampleSecrets.Now)));

    [Fact]
    public void Decrypt_WhenAValueBitFlips_FailsAuthenticationAtItsPath()
    {
        var text = FlipFirstDataCharacter(EncryptedYaml(), "port: ");

        var error = Assert.Throws<SopsException>(() => Decrypt(text));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("port:", error.AadPath);
        Assert.Contains("'port:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenAValueMovesToAnotherKey_FailsAuthenticationBecauseTheAadDiffers()
    {
        var text = EncryptedYaml();
        var port = ValueOf(text, "port");
        var enabled = ValueOf(text, "enabled");
        var swapped = text.Replace("port: " + port, "port: " + enabled, StringComparison.Ordinal);

        var error = Assert.Throws<SopsException>(() => Decrypt(swapped));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("port:", error.AadPath);
    }

    [Fact]
    public void Decrypt_WhenMacTampered_FailsWithMacMismatch()
    {
        var text = FlipFirstDataCharacter(EncryptedYaml(), "    mac: ");

        var error = Assert.Throws<SopsException>(() => Decrypt(text));

        Assert.Equal(SopsErrorKind.MacMismatch, error.Kind);
    }

    [Fact]
    public void Decrypt_WhenAnUnencryptedValueChanges_FailsWithMacMismatch()
    {
        var text = EncryptedYaml().Replace("visible: yes", "visible: no", StringComparison.Ordinal);

        var error = Assert.Throws<SopsException>(() => Decrypt(text));

        Assert.Equal(SopsErrorKind.MacMismatch, error.Kind);
        Assert.NotEqual(error.FileMac, error.ComputedMac);
        Assert.DoesNotContain("visible", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenAValueIsRemoved_FailsWithMacMismatch()
    {
        var text = Regex.Replace(EncryptedYaml(), "^enabled: .*\n", string.Empty, RegexOptions.Multiline);

        Assert.Equal(SopsErrorKind.MacMismatch, Assert.Throws<SopsException>(() => Decrypt(text)).Kind);
    }

    [Fact]
    public void Decrypt_WhenLastModifiedChanges_FailsWithMacMismatch()
    {
        var text = EncryptedYaml().Replace("2026-11-29T12:00:00Z", "2026-11-29T12:00:01Z", StringComparison.Ordinal);

        Assert.Equal(SopsErrorKind.MacMismatch, Assert.Throws<SopsException>(() => Decrypt(text)).Kind);
    }

    [Fact]
    public void Decrypt_WhenTheAgeHeaderOfTheDataKeyIsTampered_FailsToRecoverTheDataKey()
    {
        var text = EncryptedYaml();
        var armorLine = text.Split('\n').First(line => line.StartsWith("            YWdl", StringComparison.Ordinal));
        // The second armor line is still header text; change one base64 character of it.
        var lines = text.Split('\n').ToList();
        var index = lines.IndexOf(armorLine) + 1;
        lines[index] = lines[index][..20] + (lines[index][20] == 'A' ? 'B' : 'A') + lines[index][21..];

        var error = Assert.Throws<SopsException>(() => Decrypt(string.Join('\n', lines)));

        Assert.Contains("Failed to get the data key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Group 0: FAILED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenTheFileIsTruncated_FailsWithoutTheMetadata()
    {
        var text = EncryptedYaml();

        var error = Assert.Throws<SopsException>(() => Decrypt(text[..text.IndexOf("sops:", StringComparison.Ordinal)]));

        Assert.Equal(SopsErrorKind.MetadataNotFound, error.Kind);
    }

    [Fact]
    public void Decrypt_WhenTheFileIsCutInsideTheMetadata_IsRejected()
    {
        var text = EncryptedYaml();

        var error = Assert.Throws<SopsException>(() => Decrypt(text[..(text.IndexOf("    mac:", StringComparison.Ordinal) + 20)]));

        Assert.NotEqual(SopsErrorKind.NoMatchingIdentity, error.Kind);
    }

    [Fact]
    public void Decrypt_WithAWrongKey_FailsWithNoMatchingIdentityAndListsTheRecipients()
    {
        var error = Assert.Throws<SopsException>(() =>
            SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(EncryptedYaml()), SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.Second)));

        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Equal([TestKeys.FirstRecipient], error.RecipientsPresent);
        Assert.Contains("Group 0: FAILED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WithAnEmptyKeyRing_SaysNoIdentitiesWereFound()
    {
        var error = Assert.Throws<SopsException>(() =>
            SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(EncryptedYaml()), SopsFormat.Yaml, new SopsKeyRing([])));

        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Contains("No age identities were found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenTwoEncryptionRulesAreSet_IsMalformedAsInSops()
    {
        var text = EncryptedYaml().Replace("    unencrypted_suffix: _unencrypted\n", "    unencrypted_suffix: _unencrypted\n    encrypted_regex: ^x$\n", StringComparison.Ordinal);

        var error = Assert.Throws<SopsException>(() => Decrypt(text));

        Assert.Equal(SopsErrorKind.Malformed, error.Kind);
        Assert.Contains("Cannot use more than one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WithADuplicateKey_IsMalformed()
    {
        var text = "port: 1\n" + EncryptedYaml();

        Assert.Equal(SopsErrorKind.Malformed, Assert.Throws<SopsException>(() => Decrypt(text)).Kind);
    }

    [Fact]
    public void ExceptionMessages_NeverContainPlaintext()
    {
        var text = FlipFirstDataCharacter(EncryptedYaml(), "database_url: ");

        var error = Assert.Throws<SopsException>(() => Decrypt(text));

        Assert.DoesNotContain("postgresql", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OfAFileThatIsNotUtf8_IsRefusedAsMalformed_NotACrash()
    {
        var bytes = Encoding.UTF8.GetBytes(EncryptedYaml());
        byte[] broken = [.. bytes[..10], 0xFF, 0xFE, .. bytes[10..]];

        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(broken, SopsFormat.Yaml, FirstKey));

        Assert.Equal(SopsErrorKind.Malformed, error.Kind);
        Assert.Contains("invalid UTF-8 at byte 10", error.Message, StringComparison.Ordinal);
    }

    private static SopsDocument Decrypt(string text) => SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(text), SopsFormat.Yaml, FirstKey);

    private static string ValueOf(string text, string key) =>
        Regex.Match(text, "^" + key + ": (.*)$", RegexOptions.Multiline).Groups[1].Value;

    private static string FlipFirstDataCharacter(string text, string linePrefix)
    {
        var start = text.IndexOf(linePrefix + "ENC[AES256_GCM,data:", StringComparison.Ordinal) + linePrefix.Length + "ENC[AES256_GCM,data:".Length;
        var replacement = text[start] == 'A' ? 'B' : 'A';
        return text[..start] + replacement + text[(start + 1)..];
    }
}
