using System.Security.Cryptography;
using NSec.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Horadus.Sops.Age;

/// <summary>
/// The MLKEM768-X25519 hybrid KEM (X-Wing style, HPKE KEM id 0x647a) that age's post-quantum recipients use:
/// a 32-byte seed expands with SHAKE256 into an ML-KEM-768 seed and an X25519 secret; the shared secret is
/// SHA3-256(ss_mlkem || ss_x25519 || ct_x25519 || pk_x25519 || "\./" "/^\").
/// </summary>
internal static class MlKem768X25519
{
    public const int SeedSize = 32;
    public const int MlKemCiphertextSize = 1088;
    public const int MlKemPublicKeySize = 1184;
    public const int PointSize = 32;
    public const int EncapsulationSize = MlKemCiphertextSize + PointSize;
    public const int PublicKeySize = MlKemPublicKeySize + PointSize;
    public const ushort KemId = 0x647a;
    private static readonly byte[] Label = [0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c];

    internal sealed record PrivateKey(MLKemPrivateKeyParameters MlKem, byte[] X25519Secret, byte[] X25519Public, byte[] PublicKey);

    public static PrivateKey Expand(ReadOnlySpan<byte> seed)
    {
        var shake = new ShakeDigest(256);
        shake.BlockUpdate(seed);
        var expanded = new byte[64 + 32];
        shake.OutputFinal(expanded, 0, expanded.Length);
        var mlKem = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, expanded[..64]);
        var x25519Secret = expanded[64..];
        CryptographicOperations.ZeroMemory(expanded.AsSpan(0, 64));
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, x25519Secret, KeyBlobFormat.RawPrivateKey);
        var x25519Public = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return new PrivateKey(mlKem, x25519Secret, x25519Public, [.. mlKem.GetPublicKeyEncoded(), .. x25519Public]);
    }

    /// <summary>The KEM shared secret for an encapsulation, or throws <see cref="SopsErrorKind.Malformed"/>.</summary>
    public static byte[] Decapsulate(PrivateKey key, ReadOnlySpan<byte> encapsulation)
    {
        if (encapsulation.Length != EncapsulationSize)
        {
            throw SopsException.Malformed("invalid mlkem768x25519 recipient: invalid encapsulated key size");
        }

        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(key.MlKem);
        var mlKemSecret = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(encapsulation[..MlKemCiphertextSize], mlKemSecret);
        var theirShare = encapsulation[MlKemCiphertextSize..];
        var x25519Secret = Agree(key.X25519Secret, theirShare);
        return Combine(mlKemSecret, x25519Secret, theirShare, key.X25519Public);
    }

    /// <summary>Encapsulates to a public key (ML-KEM-768 encapsulation key followed by the X25519 point).</summary>
    public static (byte[] Encapsulation, byte[] SharedSecret) Encapsulate(ReadOnlySpan<byte> publicKey)
    {
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new Org.BouncyCastle.Crypto.Parameters.ParametersWithRandom(
            MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, publicKey[..MlKemPublicKeySize].ToArray()),
            new SecureRandom()));
        var mlKemCiphertext = new byte[MlKemCiphertextSize];
        var mlKemSecret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(mlKemCiphertext, mlKemSecret);

        var theirPoint = publicKey[MlKemPublicKeySize..].ToArray();
        var ephemeral = RandomNumberGenerator.GetBytes(32);
        using var ephemeralKey = Key.Import(KeyAgreementAlgorithm.X25519, ephemeral, KeyBlobFormat.RawPrivateKey);
        var ourShare = ephemeralKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var x25519Secret = Agree(ephemeral, theirPoint);
        CryptographicOperations.ZeroMemory(ephemeral);
        return ([.. mlKemCiphertext, .. ourShare], Combine(mlKemSecret, x25519Secret, ourShare, theirPoint));
    }

    private static byte[] Combine(byte[] mlKemSecret, byte[] x25519Secret, ReadOnlySpan<byte> share, ReadOnlySpan<byte> recipientPoint)
    {
        var sha3 = new Sha3Digest(256);
        sha3.BlockUpdate(mlKemSecret);
        sha3.BlockUpdate(x25519Secret);
        sha3.BlockUpdate(share);
        sha3.BlockUpdate(recipientPoint);
        sha3.BlockUpdate(Label);
        var secret = new byte[32];
        sha3.DoFinal(secret);
        CryptographicOperations.ZeroMemory(mlKemSecret);
        CryptographicOperations.ZeroMemory(x25519Secret);
        return secret;
    }

    private static byte[] Agree(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> point)
    {
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, secret, KeyBlobFormat.RawPrivateKey);
        var publicKey = NSec.Cryptography.PublicKey.Import(KeyAgreementAlgorithm.X25519, point, KeyBlobFormat.RawPublicKey);
        var exportable = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var shared = KeyAgreementAlgorithm.X25519.Agree(key, publicKey, exportable)
            ?? throw SopsException.Malformed("invalid mlkem768x25519 recipient: low-order X25519 point");
        return shared.Export(SharedSecretBlobFormat.RawSharedSecret);
    }
}
