using System.Buffers.Binary;
using Horadus.Sops.Age;

namespace Horadus.Sops.Tests.Age;

/// <summary>Builds individual STREAM chunks to craft payloads the encryptor never writes.</summary>
internal static class AgePayloadTestSupport
{
    public static byte[] Seal(byte[] key, long counter, bool last, byte[] plaintext)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(3, 8), (ulong)counter);
        nonce[11] = last ? (byte)1 : (byte)0;
        return AgePrimitives.Seal(key, nonce, plaintext);
    }
}
