using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Horadus.Core.Desired;

/// <summary>
/// The key of the fingerprints people see: HMAC-SHA256(key, value). An unsalted hash of a low-entropy value (a port,
/// a PIN) can be confirmed offline from a saved plan by hashing guesses; a keyed one cannot without the key, which
/// stays 0600 in <c>&lt;root&gt;/.horadus</c>. The desired values and the files on the host are digested with the same
/// instance, loaded once per command, so comparisons stay exact.
/// </summary>
public sealed class FingerprintKey
{
    public const int Length = 32;

    private static readonly byte[] ProvisionalLabel = Encoding.ASCII.GetBytes("horadus provisional fingerprint key v1");

    private readonly byte[] _key;

    private FingerprintKey(byte[] key, FingerprintKeySource source)
    {
        _key = key;
        Source = source;
    }

    public FingerprintKeySource Source { get; }

    /// <summary>A root's key, as read from its key file.</summary>
    public static FingerprintKey ForRoot(ReadOnlySpan<byte> key) =>
        key.Length == Length ? new(key.ToArray(), FingerprintKeySource.Root) : throw new ArgumentException($"a fingerprint key is {Length} bytes", nameof(key));

    /// <summary>For a root without a key: derived from every value, by name (see <see cref="FingerprintKeySource.Provisional"/>).</summary>
    public static FingerprintKey Provisional(IEnumerable<KeyValuePair<string, byte[]>> values)
    {
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, ProvisionalLabel);
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            // Length-prefixed, so no two different sets of values give the same input.
            BinaryPrimitives.WriteInt64LittleEndian(length, Encoding.UTF8.GetByteCount(name));
            hash.AppendData(length);
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            BinaryPrimitives.WriteInt64LittleEndian(length, value.LongLength);
            hash.AppendData(length);
            hash.AppendData(value);
        }

        return new(hash.GetHashAndReset(), FingerprintKeySource.Provisional);
    }

    public static FingerprintKey Ephemeral() => new(RandomNumberGenerator.GetBytes(Length), FingerprintKeySource.Ephemeral);

    public ContentDigest Digest(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(HMACSHA256.HashData(_key, bytes)), Shown);

    public ContentDigest Digest(Stream content) => new(Convert.ToHexStringLower(HMACSHA256.HashData(_key, content)), Shown);

    private bool Shown => Source != FingerprintKeySource.Ephemeral;

    public override string ToString() => $"[fingerprint key, {Source.ToString().ToLowerInvariant()}]";
}
