using System.Text;
using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Sops.Tests.Sops;

public sealed class SopsRoundTripTests
{
    private static readonly FakeTimeProvider Clock = new(SampleSecrets.Now);

    [Fact]
    public void EncryptYaml_ThenDecrypt_ReturnsEveryValueAsSopsWouldEmitIt()
    {
        var file = SopsEncryptor.Encrypt(SampleSecrets.WithList(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock);

        var document = SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First));

        var values = SampleSecrets.AsStrings(document);
        Assert.Equal("postgresql://u:p@127.0.0.1:5432/db", values["database_url"]);
        Assert.Equal("line one\nline two: with colon\n", values["multi_line"]);
        Assert.Equal("pässwörd ✓", values["unicode"]);
        Assert.Equal(string.Empty, values["empty"]);
        Assert.Equal("5432", values["port"]);
        Assert.Equal("1.234568e+09", values["ratio"]); // yaml.v3 writes float64 with 'g'
        Assert.Equal("true", values["enabled"]);
        Assert.Equal("visible: yes # not a comment", values["note_unencrypted"]);
        var list = document.TopLevel.Single(pair => pair.Key == "api_keys").Value;
        Assert.Equal(SopsValueKind.List, list.Kind);
        Assert.Equal(["key-one", "key-two"], list.Items.Select(SampleSecrets.Text));
        Assert.Equal(SampleSecrets.Now, document.LastModified);
    }

    [Fact]
    public void EncryptYaml_WritesTheCurrentSopsLayout()
    {
        var text = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(SampleSecrets.Flat(), SopsFormat.Yaml, [TestKeys.First.Recipient], Clock));

        Assert.Matches(@"^database_url: ENC\[AES256_GCM,data:[^,]+,iv:[^,]+,tag:[^,]+,type:str\]\n", text);
        Assert.Contains("port: ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.Contains(",type:int]", text, StringComparison.Ordinal);
        Assert.Contains("empty: \"\"\n", text, StringComparison.Ordinal);
        Assert.Contains("note_unencrypted: \"visible: yes # not a comment\"\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "sops:\n    age:\n        - enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("            -----END AGE ENCRYPTED FILE-----\n          recipient: " + TestKeys.FirstRecipient + "\n", text, StringComparison.Ordinal);
        Assert.Contains("    lastmodified: \"2026-11-29T12:00:00Z\"\n    mac: ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.EndsWith("    unencrypted_suffix: _unencrypted\n    version: 3.13.2\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("postgresql", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptDotenv_ThenDecrypt_ReturnsStrings()
    {
        var file = SopsEncryptor.Encrypt(SampleSecrets.Flat(), SopsFormat.Dotenv, [TestKeys.First.Recipient], Clock);
        var text = Encoding.UTF8.GetString(file);

        var values = SampleSecrets.AsStrings(SopsDecryptor.Decrypt(file, SopsFormat.Dotenv, SopsKeyRing.FromIdentities(TestKeys.First)));

        Assert.Equal("line one\nline two: with colon\n", values["multi_line"]);
        Assert.Equal("5432", values["port"]);
        Assert.Equal("1.234568E+09", values["ratio"]); // dotenv holds the string sops's ValToString makes
        Assert.Equal("true", values["enabled"]);
        Assert.Contains("\nsops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\n", text, StringComparison.Ordinal);
        Assert.Contains("\nsops_age__list_0__map_recipient=" + TestKeys.FirstRecipient + "\nsops_lastmodified=2026-11-29T12:00:00Z\nsops_mac=ENC[", text, StringComparison.Ordinal);
        Assert.EndsWith("sops_unencrypted_suffix=_unencrypted\nsops_version=3.13.2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptDotenv_WithAList_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SopsEncryptor.Encrypt(SampleSecrets.WithList(), SopsFormat.Dotenv, [TestKeys.First.Recipient], Clock));
    }

    [Fact]
    public void EncryptJson_ThenDecrypt_KeepsNumbersAndOrder()
    {
        var file = SopsEncryptor.Encrypt(SampleSecrets.WithList(), SopsFormat.Json, [TestKeys.First.Recipient], Clock);

        var document = SopsDecryptor.Decrypt(file, SopsFormat.Json, SopsKeyRing.FromIdentities(TestKeys.First));

        Assert.Equal(SampleSecrets.WithList().Select(pair => pair.Key), document.TopLevel.Select(pair => pair.Key));
        Assert.Equal("1234568000", SampleSecrets.AsStrings(document)["ratio"]);
    }

    [Fact]
    public void Encrypt_ForTwoRecipients_OpensWithEitherKey()
    {
        var file = SopsEncryptor.Encrypt(SampleSecrets.Flat(), SopsFormat.Yaml, [TestKeys.First.Recipient, TestKeys.Second.Recipient], Clock);

        var first = SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First));
        var second = SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.Second));

        Assert.Equal(first.Mac, second.Mac);
    }

    [Fact]
    public void Encrypt_WithThreeKeyGroupsAndThresholdTwo_DecryptsWithAnyTwoGroups()
    {
        var third = AgeIdentity.Parse(TestKeys.MockSecret);
        var options = new SopsEncryptionOptions
        {
            KeyGroups = [[TestKeys.First.Recipient], [TestKeys.Second.Recipient], [third.Recipient]],
            ShamirThreshold = 2,
        };
        var file = SopsEncryptor.Encrypt(SampleSecrets.Flat(), SopsFormat.Yaml, [], Clock, options);
        var text = Encoding.UTF8.GetString(file);

        var document = SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.First, third));
        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(file, SopsFormat.Yaml, SopsKeyRing.FromIdentities(TestKeys.Second)));

        Assert.Contains("    key_groups:\n        - age:\n", text, StringComparison.Ordinal);
        Assert.Contains("    shamir_threshold: 2\n", text, StringComparison.Ordinal);
        Assert.Equal("5432", SampleSecrets.AsStrings(document)["port"]);
        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Contains("Group 1: OK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_ToIni_IsUnsupported()
    {
        var error = Assert.Throws<SopsException>(() => SopsEncryptor.Encrypt(SampleSecrets.Flat(), SopsFormat.Ini, [TestKeys.First.Recipient], Clock));

        Assert.Equal(SopsErrorKind.UnsupportedFormat, error.Kind);
    }
}
