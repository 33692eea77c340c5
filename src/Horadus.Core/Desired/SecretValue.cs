using System.Security.Cryptography;

namespace Horadus.Core.Desired;

/// <summary>
/// The bytes of one secret file. They live only here, in memory; everything that leaves the process
/// (plans, logs, history, errors) sees the <see cref="Fingerprint"/> and <see cref="Size"/> instead.
/// </summary>
public sealed class SecretValue : IDisposable
{
    private readonly byte[] _bytes;

    public SecretValue(byte[] bytes)
    {
        _bytes = bytes;
        Digest = ContentDigest.Of(bytes);
    }

    public ContentDigest Digest { get; }

    public long Size => _bytes.LongLength;

    /// <summary>The plaintext. Callers write it out and never copy it anywhere else.</summary>
    public ReadOnlySpan<byte> Reveal() => _bytes;

    /// <summary>Overwrites the bytes once the release is written.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);

    public override string ToString() => $"[secret {Digest.Short}, {Size} B]";
}

/// <summary>SHA-256 of a file's content, in lowercase hex. <see cref="Short"/> is what people see.</summary>
public readonly record struct ContentDigest(string Sha256Hex)
{
    public static ContentDigest Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public string Short => "sha256:" + Sha256Hex[..12];

    public override string ToString() => Short;
}
