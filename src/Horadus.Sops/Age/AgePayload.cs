using System.Buffers.Binary;

namespace Horadus.Sops.Age;

/// <summary>
/// age's STREAM payload: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian counter
/// plus a last-chunk flag byte.
/// </summary>
internal static class AgePayload
{
    public const int NonceSize = 16;
    public const int ChunkSize = 64 * 1024;
    private const int EncryptedChunkSize = ChunkSize + AgePrimitives.TagSize;

    public static byte[] Encrypt(ReadOnlySpan<byte> payloadKey, ReadOnlySpan<byte> plaintext)
    {
        var output = new List<byte>(plaintext.Length + ((plaintext.Length / ChunkSize) + 1) * AgePrimitives.TagSize);
        long counter = 0;
        var offset = 0;
        do
        {
            var length = Math.Min(ChunkSize, plaintext.Length - offset);
            var isLast = offset + length == plaintext.Length;
            output.AddRange(AgePrimitives.Seal(payloadKey, ChunkNonce(counter++, isLast), plaintext.Slice(offset, length)));
            offset += length;
        }
        while (offset < plaintext.Length);

        return [.. output];
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> payloadKey, ReadOnlySpan<byte> ciphertext)
    {
        var output = new List<byte>(ciphertext.Length);
        long counter = 0;
        var offset = 0;
        while (true)
        {
            var remaining = ciphertext.Length - offset;
            if (remaining == 0)
            {
                // Every payload ends with a chunk flagged "last"; running out before that means truncation.
                throw Truncated();
            }

            var isShort = remaining < EncryptedChunkSize;
            var chunk = ciphertext.Slice(offset, Math.Min(remaining, EncryptedChunkSize));
            if (isShort && counter != 0 && chunk.Length == AgePrimitives.TagSize)
            {
                throw new SopsException(SopsErrorKind.AuthenticationFailed, "last chunk is empty, try age v1.0.0, and please consider reporting this");
            }

            var plain = isShort ? null : AgePrimitives.Open(payloadKey, ChunkNonce(counter, last: false), chunk);
            var isLast = plain is null;
            plain ??= AgePrimitives.Open(payloadKey, ChunkNonce(counter, last: true), chunk);
            if (plain is null)
            {
                throw new SopsException(SopsErrorKind.AuthenticationFailed,
                    "failed to decrypt and authenticate payload chunk, file may be corrupted or tampered with");
            }

            output.AddRange(plain);
            offset += chunk.Length;
            counter++;
            if (isLast)
            {
                if (offset != ciphertext.Length)
                {
                    throw SopsException.Malformed("trailing data after end of encrypted file");
                }

                return [.. output];
            }
        }
    }

    private static SopsException Truncated() =>
        new(SopsErrorKind.AuthenticationFailed, "age payload is truncated: unexpected EOF before the last chunk");

    private static byte[] ChunkNonce(long counter, bool last)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(3, 8), (ulong)counter);
        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }
}
