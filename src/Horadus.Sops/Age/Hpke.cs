using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Horadus.Sops.Age;

/// <summary>
/// RFC 9180 HPKE, base mode, single-shot, with HKDF-SHA256 (0x0001) and ChaCha20-Poly1305 (0x0003):
/// the part age's mlkem768x25519 stanza uses (first message, empty AAD).
/// </summary>
internal static class Hpke
{
    private const ushort KdfHkdfSha256 = 0x0001;
    private const ushort AeadChaCha20Poly1305 = 0x0003;

    public static byte[] Seal(byte[] sharedSecret, ushort kemId, string info, ReadOnlySpan<byte> plaintext)
    {
        var (key, nonce) = KeySchedule(sharedSecret, kemId, info);
        return AgePrimitives.Seal(key, nonce, plaintext);
    }

    public static byte[]? Open(byte[] sharedSecret, ushort kemId, string info, ReadOnlySpan<byte> ciphertext)
    {
        var (key, nonce) = KeySchedule(sharedSecret, kemId, info);
        return AgePrimitives.Open(key, nonce, ciphertext);
    }

    private static (byte[] Key, byte[] Nonce) KeySchedule(byte[] sharedSecret, ushort kemId, string info)
    {
        var suite = new byte[10];
        "HPKE"u8.CopyTo(suite);
        BinaryPrimitives.WriteUInt16BigEndian(suite.AsSpan(4), kemId);
        BinaryPrimitives.WriteUInt16BigEndian(suite.AsSpan(6), KdfHkdfSha256);
        BinaryPrimitives.WriteUInt16BigEndian(suite.AsSpan(8), AeadChaCha20Poly1305);

        var pskIdHash = LabeledExtract(suite, [], "psk_id_hash", []);
        var infoHash = LabeledExtract(suite, [], "info_hash", Encoding.ASCII.GetBytes(info));
        byte[] context = [0x00, .. pskIdHash, .. infoHash];
        var secret = LabeledExtract(suite, sharedSecret, "secret", []);
        var key = LabeledExpand(suite, secret, "key", context, 32);
        var nonce = LabeledExpand(suite, secret, "base_nonce", context, 12);
        CryptographicOperations.ZeroMemory(secret);
        return (key, nonce);
    }

    private static byte[] LabeledExtract(byte[] suite, byte[] salt, string label, byte[] ikm) =>
        HKDF.Extract(HashAlgorithmName.SHA256, [.. "HPKE-v1"u8, .. suite, .. Encoding.ASCII.GetBytes(label), .. ikm], salt);

    private static byte[] LabeledExpand(byte[] suite, byte[] prk, string label, byte[] info, int length)
    {
        var lengthPrefix = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(lengthPrefix, (ushort)length);
        return HKDF.Expand(HashAlgorithmName.SHA256, prk, length, [.. lengthPrefix, .. "HPKE-v1"u8, .. suite, .. Encoding.ASCII.GetBytes(label), .. info]);
    }
}
