using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Horadus.Sops.Age;

/// <summary>The primitives of the age v1 spec: HKDF-SHA-256, ChaCha20-Poly1305 and the header HMAC.</summary>
internal static class AgePrimitives
{
    public const int FileKeySize = 16;
    public const int TagSize = 16;
    private static readonly AeadAlgorithm ChaCha = AeadAlgorithm.ChaCha20Poly1305;

    public static byte[] Hkdf(ReadOnlySpan<byte> inputKey, ReadOnlySpan<byte> salt, string info, int length = 32)
    {
        using var secret = SharedSecret.Import(inputKey, SharedSecretBlobFormat.RawSharedSecret);
        return Hkdf(secret, salt, info, length);
    }

    public static byte[] Hkdf(SharedSecret secret, ReadOnlySpan<byte> salt, string info, int length = 32) =>
        KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(secret, salt, Encoding.ASCII.GetBytes(info), length);

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext)
    {
        using var aeadKey = Key.Import(ChaCha, key, KeyBlobFormat.RawSymmetricKey);
        return ChaCha.Encrypt(aeadKey, nonce, [], plaintext);
    }

    /// <summary>Decrypts and authenticates; null when authentication fails.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < TagSize)
        {
            return null;
        }

        using var aeadKey = Key.Import(ChaCha, key, KeyBlobFormat.RawSymmetricKey);
        return ChaCha.Decrypt(aeadKey, nonce, [], ciphertext);
    }

    /// <summary>HMAC-SHA-256 over the header (up to "---") with HKDF(file key, "header").</summary>
    public static byte[] HeaderMac(ReadOnlySpan<byte> fileKey, IReadOnlyList<AgeStanza> stanzas)
    {
        var macKey = Hkdf(fileKey, [], "header");
        return HMACSHA256.HashData(macKey, AgeHeader.MarshalWithoutMac(stanzas));
    }

    /// <summary>The STREAM key: HKDF(file key, salt = 16-byte payload nonce, "payload").</summary>
    public static byte[] PayloadKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> nonce) => Hkdf(fileKey, nonce, "payload");
}
