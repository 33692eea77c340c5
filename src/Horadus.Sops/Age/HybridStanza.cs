namespace Horadus.Sops.Age;

/// <summary>The post-quantum <c>mlkem768x25519</c> stanza: HPKE with the MLKEM768-X25519 KEM seals the file key.</summary>
internal static class HybridStanza
{
    public const string Type = "mlkem768x25519";
    private const string Label = "age-encryption.org/mlkem768x25519";

    public static AgeStanza Wrap(ReadOnlySpan<byte> fileKey, AgeRecipient recipient)
    {
        var (encapsulation, sharedSecret) = MlKem768X25519.Encapsulate(recipient.PublicKey);
        var body = Hpke.Seal(sharedSecret, MlKem768X25519.KemId, Label, fileKey);
        return new AgeStanza(Type, [AgeBase64.Encode(encapsulation)], body);
    }

    /// <summary>The file key, or null when this identity is not the stanza's recipient.</summary>
    public static byte[]? Unwrap(AgeStanza stanza, MlKem768X25519.PrivateKey key)
    {
        if (stanza.Args.Count != 1 || !AgeBase64.TryDecode(stanza.Args[0], out var encapsulation))
        {
            throw SopsException.Malformed("invalid mlkem768x25519 recipient block");
        }

        if (stanza.Body.Length != AgePrimitives.FileKeySize + AgePrimitives.TagSize)
        {
            throw SopsException.Malformed("invalid mlkem768x25519 recipient block: incorrect file key size");
        }

        // ML-KEM decapsulation never fails; a wrong key yields a wrong secret and the HPKE open fails.
        var sharedSecret = MlKem768X25519.Decapsulate(key, encapsulation);
        return Hpke.Open(sharedSecret, MlKem768X25519.KemId, Label, stanza.Body);
    }
}
