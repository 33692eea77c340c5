using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Age;

/// <summary>Post-quantum mlkem768x25519 identities (age ≥ 1.3), checked against the sops 3.12 fixture.</summary>
public sealed partial class HybridAgeTests
{
    [Fact]
    public void HybridIdentity_DerivesTheRecipientRecordedInTheSopsFixture()
    {
        var directory = FixtureLocator.RequireFixtures();
        var identity = Assert.Single(AgeIdentity.ParseFile(File.ReadAllText(Path.Combine(directory, "fluxcd-kustomize-controller/testdata/sops/keys/age-pq.txt"))));
        var file = File.ReadAllText(Path.Combine(directory, "fluxcd-kustomize-controller/testdata/sops/algorithms/age-pq.yaml"));

        var recorded = RecipientLine().Match(file).Groups[1].Value;

        Assert.Equal("mlkem768x25519", identity.Recipient.Type);
        Assert.Equal(recorded, identity.Recipient.Text);
        Assert.Equal(identity.Recipient, AgeRecipient.Parse(recorded));
    }

    [Fact]
    public void HybridRecipient_EncryptThenDecrypt_ReturnsThePlaintext()
    {
        var identity = HybridIdentity();
        var plaintext = RandomNumberGenerator.GetBytes(100);

        var file = AgeFile.Encrypt(plaintext, [identity.Recipient], armor: true);

        Assert.Contains("-> mlkem768x25519 ", System.Text.Encoding.ASCII.GetString(AgeArmor.Decode(file)), StringComparison.Ordinal);
        Assert.Equal(plaintext, AgeFile.Decrypt(file, [TestKeys.First, identity]));
    }

    [Fact]
    public void HybridAndClassicRecipients_CannotBeMixed()
    {
        var error = Assert.Throws<SopsException>(() => AgeFile.Encrypt("x"u8, [HybridIdentity().Recipient, TestKeys.First.Recipient], armor: false));

        Assert.Equal(SopsErrorKind.UnsupportedRecipientType, error.Kind);
    }

    [Fact]
    public void HybridFile_WithAnX25519IdentityOnly_FailsWithNoMatchingIdentity()
    {
        var file = AgeFile.Encrypt("x"u8, [HybridIdentity().Recipient], armor: false);

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [TestKeys.First]));

        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Equal(["mlkem768x25519"], error.RecipientsPresent);
    }

    [Fact]
    public void HybridIdentity_ToString_DoesNotLeakTheSeed()
    {
        var text = HybridIdentity().ToString();

        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.StartsWith("AgeIdentity(mlkem768x25519, age1pq1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridIdentity_RoundTripsThroughItsBech32Text()
    {
        var text = Bech32.Encode("AGE-SECRET-KEY-PQ-", RandomNumberGenerator.GetBytes(32));

        var identity = AgeIdentity.Parse(text);

        Assert.StartsWith("AGE-SECRET-KEY-PQ-1", text, StringComparison.Ordinal);
        Assert.Equal(identity.Recipient, AgeIdentity.Parse(text).Recipient);
        Assert.StartsWith("age1pq1", identity.Recipient.Text, StringComparison.Ordinal);
    }

    /// <summary>A fresh hybrid identity: age's PQ secret key is just 32 random bytes in Bech32.</summary>
    private static AgeIdentity HybridIdentity() => AgeIdentity.Parse(Bech32.Encode("AGE-SECRET-KEY-PQ-", RandomNumberGenerator.GetBytes(32)));

    [GeneratedRegex(@"recipient: (age1pq1[0-9a-z]+)")]
    private static partial Regex RecipientLine();
}
