using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Horadus.Sops.Crypto;

/// <summary>
/// AES-256-GCM with sops's 32-byte IVs. The BCL and NSec only accept 12-byte nonces, so this uses
/// BouncyCastle's GcmBlockCipher, which implements GCM for any IV length (GHASH-derived J0).
/// </summary>
internal static class AesGcm256
{
    public const int TagSize = 16;

    /// <summary>Returns ciphertext with the 16-byte tag appended.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, byte[] iv, ReadOnlySpan<byte> plaintext, byte[] additionalData)
    {
        var cipher = Create(forEncryption: true, key, iv, additionalData);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var length = cipher.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, length);
        return output;
    }

    /// <summary>Opens ciphertext-with-tag (Go's gcm.Open takes the last 16 bytes as tag); null when authentication fails.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, byte[] iv, byte[] ciphertextAndTag, byte[] additionalData)
    {
        if (ciphertextAndTag.Length < TagSize || iv.Length == 0)
        {
            return null;
        }

        var cipher = Create(forEncryption: false, key, iv, additionalData);
        var output = new byte[cipher.GetOutputSize(ciphertextAndTag.Length)];
        try
        {
            var length = cipher.ProcessBytes(ciphertextAndTag, 0, ciphertextAndTag.Length, output, 0);
            length += cipher.DoFinal(output, length);
            return output.AsSpan(0, length).ToArray();
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    private static GcmBlockCipher Create(bool forEncryption, ReadOnlySpan<byte> key, byte[] iv, byte[] additionalData)
    {
        var cipher = new GcmBlockCipher(AesUtilities.CreateEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, iv, additionalData));
        return cipher;
    }
}
