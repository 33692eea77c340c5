using System.Security.Cryptography;
using System.Text;
using Horadus.Sops.Age;
using Horadus.Sops.Tests.Support;

namespace Horadus.Sops.Tests.Age;

public sealed class AgeFileTests
{
    private const int ChunkSize = 64 * 1024;

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(ChunkSize - 1, false)]
    [InlineData(ChunkSize, true)]
    [InlineData(ChunkSize + 1, false)]
    [InlineData((3 * ChunkSize) + 17, true)]
    public void Encrypt_ThenDecrypt_ReturnsThePlaintext(int length, bool armor)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var file = AgeFile.Encrypt(plaintext, [TestKeys.First.Recipient, TestKeys.Second.Recipient], armor);

        Assert.Equal(plaintext, AgeFile.Decrypt(file, [TestKeys.Second]));
    }

    [Fact]
    public void Decrypt_OfTheSopsMockVector_ReturnsData()
    {
        var directory = FixtureLocator.RequireFixtures();
        var file = File.ReadAllBytes(Path.Combine(directory, "getsops-sops/age/mock-encrypted-key.age"));
        var identities = AgeIdentity.ParseFile(File.ReadAllText(Path.Combine(directory, "getsops-sops/age/mock-identity.txt")));

        Assert.Equal(TestKeys.MockRecipient, Assert.Single(identities).Recipient.Text);
        Assert.Equal("data"u8.ToArray(), AgeFile.Decrypt(file, identities));
        Assert.Equal("360c7db09fc4400b03f468ec1c8262ab", Convert.ToHexStringLower(AgeFile.RecoverFileKey(AgeArmor.Decode(file), identities, out _)));
    }

    [Fact]
    public void Decrypt_WithWrongIdentity_FailsWithNoMatchingIdentityAndNamesStanzaTypes()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [TestKeys.Second]));

        Assert.Equal(SopsErrorKind.NoMatchingIdentity, error.Kind);
        Assert.Equal(["X25519"], error.RecipientsPresent);
        Assert.Contains("no identity matched", error.Message, StringComparison.Ordinal);
        Assert.Contains("X25519", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenHeaderMacTampered_FailsAuthentication()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);
        var macLine = IndexOf(file, "--- "u8) + 4;
        file[macLine + 5] = (byte)(file[macLine + 5] == (byte)'A' ? 'B' : 'A');

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [TestKeys.First]));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
        Assert.Contains("header MAC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_WhenAStanzaIsAddedToTheHeader_FailsTheHeaderMac()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);
        var footer = IndexOf(file, "---"u8);
        byte[] tampered = [.. file[..footer], .. "-> grease-type arg\n\n"u8.ToArray(), .. file[footer..]];

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(tampered, [TestKeys.First]));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public void Decrypt_WhenIntroLineTampered_IsMalformed()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);
        file[0] ^= 0x01;

        Assert.Equal(SopsErrorKind.Malformed, Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [TestKeys.First])).Kind);
    }

    [Fact]
    public void Decrypt_WhenStanzaBodyIsNotCanonicalBase64_IsMalformed()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);
        var bodyStart = IndexOf(file, "\n"u8, IndexOf(file, "-> X25519"u8)) + 1;
        byte[] padded = [.. file[..(bodyStart + 43)], (byte)'=', .. file[(bodyStart + 43)..]];

        Assert.Equal(SopsErrorKind.Malformed, Assert.Throws<SopsException>(() => AgeFile.Decrypt(padded, [TestKeys.First])).Kind);
    }

    [Fact]
    public void Decrypt_WhenAPayloadChunkBitFlips_FailsAuthentication()
    {
        var file = AgeFile.Encrypt(RandomNumberGenerator.GetBytes(ChunkSize + 100), [TestKeys.First.Recipient], armor: false);
        file[^(ChunkSize / 2)] ^= 0x80; // inside the first chunk

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [TestKeys.First]));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public void Decrypt_WhenPayloadIsTruncatedAtAChunkBoundary_FailsAuthentication()
    {
        var file = AgeFile.Encrypt(RandomNumberGenerator.GetBytes(ChunkSize + 100), [TestKeys.First.Recipient], armor: false);
        var lastChunk = 100 + 16;

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file[..^lastChunk], [TestKeys.First]));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, error.Kind);
    }

    [Fact]
    public void Decrypt_WhenPayloadLosesItsLastByte_FailsAuthentication()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);

        Assert.Equal(SopsErrorKind.AuthenticationFailed, Assert.Throws<SopsException>(() => AgeFile.Decrypt(file[..^1], [TestKeys.First])).Kind);
    }

    [Fact]
    public void Decrypt_WhenTheNonceIsCutShort_FailsAuthentication()
    {
        var file = AgeFile.Encrypt(""u8, [TestKeys.First.Recipient], armor: false);

        Assert.Equal(SopsErrorKind.AuthenticationFailed, Assert.Throws<SopsException>(() => AgeFile.Decrypt(file[..^20], [TestKeys.First])).Kind);
    }

    [Fact]
    public void Decrypt_WithTrailingDataAfterTheLastChunk_IsRejected()
    {
        var file = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: false);

        Assert.Throws<SopsException>(() => AgeFile.Decrypt([.. file, 0x00], [TestKeys.First]));
    }

    [Fact]
    public void PayloadDecrypt_WhenTheLastChunkIsEmpty_IsRejected()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var full = AgePayloadTestSupport.Seal(key, counter: 0, last: false, RandomNumberGenerator.GetBytes(ChunkSize));
        var emptyLast = AgePayloadTestSupport.Seal(key, counter: 1, last: true, []);

        var error = Assert.Throws<SopsException>(() => AgePayload.Decrypt(key, [.. full, .. emptyLast]));

        Assert.Contains("last chunk is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadDecrypt_WhenTheWholePayloadIsEmpty_AcceptsTheEmptyLastChunk()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        Assert.Empty(AgePayload.Decrypt(key, AgePayloadTestSupport.Seal(key, counter: 0, last: true, [])));
    }

    [Fact]
    public void PayloadDecrypt_WhenAFullChunkIsNotFlaggedLastAndNothingFollows_IsTruncated()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var full = AgePayloadTestSupport.Seal(key, counter: 0, last: false, RandomNumberGenerator.GetBytes(ChunkSize));

        Assert.Equal(SopsErrorKind.AuthenticationFailed, Assert.Throws<SopsException>(() => AgePayload.Decrypt(key, full)).Kind);
    }

    [Fact]
    public void Armor_AcceptsCrlfAndSurroundingWhitespace()
    {
        var armored = Encoding.ASCII.GetString(AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: true));
        var crlf = "\n  \r\n" + armored.Replace("\n", "\r\n", StringComparison.Ordinal) + "\n\n";

        Assert.Equal("secret"u8.ToArray(), AgeFile.Decrypt(Encoding.ASCII.GetBytes(crlf), [TestKeys.First]));
    }

    [Fact]
    public void Armor_WithALineLongerThan64Columns_IsMalformed()
    {
        var lines = Encoding.ASCII.GetString(AgeFile.Encrypt(RandomNumberGenerator.GetBytes(200), [TestKeys.First.Recipient], armor: true)).Split('\n').ToList();
        lines[1] += lines[2][..4];
        lines[2] = lines[2][4..];

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(Encoding.ASCII.GetBytes(string.Join('\n', lines)), [TestKeys.First]));

        Assert.Equal(SopsErrorKind.Malformed, error.Kind);
    }

    [Fact]
    public void Armor_WithTrailingGarbage_IsMalformed()
    {
        var armored = AgeFile.Encrypt("secret"u8, [TestKeys.First.Recipient], armor: true);

        Assert.Equal(SopsErrorKind.Malformed, Assert.Throws<SopsException>(() => AgeFile.Decrypt([.. armored, .. "junk"u8.ToArray()], [TestKeys.First])).Kind);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int start = 0) => start + haystack.AsSpan(start).IndexOf(needle);
}
