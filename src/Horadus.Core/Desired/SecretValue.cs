using System.Security.Cryptography;

namespace Horadus.Core.Desired;

/// <summary>
/// The bytes of one secret file. They live only here, in memory; everything that leaves the process
/// (plans, logs, history, errors) sees the keyed <see cref="Digest"/> and <see cref="Size"/> instead.
/// </summary>
public sealed class SecretValue : IDisposable
{
    private readonly byte[] _bytes;

    /// <param name="key">The root's fingerprint key: the digest is keyed, never a plain hash of the value.</param>
    public SecretValue(byte[] bytes, FingerprintKey key)
    {
        _bytes = bytes;
        Digest = key.Digest(bytes);
    }

    public ContentDigest Digest { get; }

    public long Size => _bytes.LongLength;

    /// <summary>The plaintext. Callers write it out and never copy it anywhere else.</summary>
    public ReadOnlySpan<byte> Reveal() => _bytes;

    /// <summary>Overwrites the bytes once the release is written.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);

    public override string ToString() => $"[secret {Digest.Short}, {Size} B]";
}
