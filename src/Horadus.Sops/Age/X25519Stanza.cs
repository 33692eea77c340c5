using System.Security.Cryptography;
using NSec.Cryptography;

namespace Horadus.Sops.Age;

/// <summary>Wrapping and unwrapping of the file key in an <c>X25519</c> recipient stanza.</summary>
internal static class X25519Stanza
{
    public const string Type = "X25519";
    private const string Label = "age-encryption.org/v1/X25519";
    private static readonly byte[] ZeroNonce = new byte[12];

    public static AgeStanza Wrap(ReadOnlySpan<byte> fileKey, AgeRecipient recipient)
    {
        var creation = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519, creation);
        var ephemeralShare = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var theirKey = NSec.Cryptography.PublicKey.Import(KeyAgreementAlgorithm.X25519, recipient.PublicKey, KeyBlobFormat.RawPublicKey);
        using var shared = KeyAgreementAlgorithm.X25519.Agree(ephemeral, theirKey)
            ?? throw new CryptographicException("X25519 produced an all-zero shared secret");
        var wrappingKey = AgePrimitives.Hkdf(shared, [.. ephemeralShare, .. recipient.PublicKey], Label);
        var body = AgePrimitives.Seal(wrappingKey, ZeroNonce, fileKey);
        return new AgeStanza(Type, [AgeBase64.Encode(ephemeralShare)], body);
    }

    /// <summary>The file key, or null when this identity is not the stanza's recipient.</summary>
    public static byte[]? Unwrap(AgeStanza stanza, AgeIdentity identity)
    {
        if (stanza.Args.Count != 1 || !AgeBase64.TryDecode(stanza.Args[0], out var share) || share.Length != 32)
        {
            throw SopsException.Malformed("invalid X25519 recipient block");
        }

        if (stanza.Body.Length != AgePrimitives.FileKeySize + AgePrimitives.TagSize)
        {
            throw SopsException.Malformed("invalid X25519 recipient block: incorrect file key size");
        }

        using var ourKey = identity.ImportKey();
        var theirShare = NSec.Cryptography.PublicKey.Import(KeyAgreementAlgorithm.X25519, share, KeyBlobFormat.RawPublicKey);
        using var shared = KeyAgreementAlgorithm.X25519.Agree(ourKey, theirShare)
            ?? throw SopsException.Malformed("invalid X25519 recipient: low-order point");
        var wrappingKey = AgePrimitives.Hkdf(shared, [.. share, .. identity.PublicKey], Label);
        return AgePrimitives.Open(wrappingKey, ZeroNonce, stanza.Body);
    }
}
