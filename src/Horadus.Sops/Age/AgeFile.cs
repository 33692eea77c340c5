using System.Security.Cryptography;
using System.Text;

namespace Horadus.Sops.Age;

/// <summary>Encrypts and decrypts whole age v1 files (binary or ASCII-armored) for X25519 keys.</summary>
public static class AgeFile
{
    /// <summary>
    /// Decrypts an age file (armor is detected). Fails with <see cref="SopsErrorKind.NoMatchingIdentity"/>
    /// when no identity opens any stanza, <see cref="SopsErrorKind.AuthenticationFailed"/> on a bad header MAC
    /// or payload, and <see cref="SopsErrorKind.Malformed"/> on a malformed header or armor.
    /// </summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> file, IReadOnlyList<AgeIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var binary = AgeArmor.LooksArmored(file) ? AgeArmor.Decode(file) : file.ToArray();
        var fileKey = RecoverFileKey(binary, identities, out var payloadOffset);
        try
        {
            var payload = binary.AsSpan(payloadOffset);
            if (payload.Length < AgePayload.NonceSize)
            {
                throw new SopsException(SopsErrorKind.AuthenticationFailed, "failed to read nonce: unexpected EOF");
            }

            var payloadKey = AgePrimitives.PayloadKey(fileKey, payload[..AgePayload.NonceSize]);
            return AgePayload.Decrypt(payloadKey, payload[AgePayload.NonceSize..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    /// <summary>Parses the header, unwraps the file key and verifies the header MAC with it.</summary>
    internal static byte[] RecoverFileKey(byte[] binary, IReadOnlyList<AgeIdentity> identities, out int payloadOffset)
    {
        var header = AgeHeader.Parse(binary, out payloadOffset);
        var fileKey = UnwrapFileKey(header, identities);
        var expectedMac = AgePrimitives.HeaderMac(fileKey, header.Stanzas);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, header.Mac))
        {
            CryptographicOperations.ZeroMemory(fileKey);
            throw new SopsException(SopsErrorKind.AuthenticationFailed, "bad header MAC");
        }

        return fileKey;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> to X25519 recipients; armored output when <paramref name="armor"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<AgeRecipient> recipients, bool armor)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("at least one recipient is required", nameof(recipients));
        }

        // As age does: post-quantum recipients must not be mixed with classic ones, or the file is only as strong as X25519.
        if (recipients.Any(recipient => recipient.IsHybrid) && !recipients.All(recipient => recipient.IsHybrid))
        {
            throw new SopsException(SopsErrorKind.UnsupportedRecipientType,
                "incompatible recipients: mlkem768x25519 (post-quantum) recipients cannot be mixed with X25519 recipients");
        }

        var fileKey = RandomNumberGenerator.GetBytes(AgePrimitives.FileKeySize);
        try
        {
            var stanzas = recipients.Select(recipient => recipient.Wrap(fileKey)).ToList();
            var header = new AgeHeader(stanzas, AgePrimitives.HeaderMac(fileKey, stanzas)).Marshal();
            var nonce = RandomNumberGenerator.GetBytes(AgePayload.NonceSize);
            var payload = AgePayload.Encrypt(AgePrimitives.PayloadKey(fileKey, nonce), plaintext);
            byte[] binary = [.. header, .. nonce, .. payload];
            return armor ? Encoding.ASCII.GetBytes(AgeArmor.Encode(binary)) : binary;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    private static byte[] UnwrapFileKey(AgeHeader header, IReadOnlyList<AgeIdentity> identities)
    {
        var types = header.Stanzas.Select(stanza => stanza.Type).ToList();
        if (header.Stanzas.Count == 0)
        {
            throw SopsException.Malformed("age header has no recipient stanzas");
        }

        // As in age, an scrypt (passphrase) stanza must be the only one.
        if (types.Contains("scrypt") && types.Count != 1)
        {
            throw SopsException.Malformed("an scrypt recipient must be the only one");
        }

        foreach (var identity in identities)
        {
            foreach (var stanza in header.Stanzas)
            {
                var fileKey = identity.Unwrap(stanza);
                if (fileKey is not null)
                {
                    return fileKey;
                }
            }
        }

        var distinct = types.Distinct(StringComparer.Ordinal).ToList();
        var supported = distinct.Where(type => type is X25519Stanza.Type or HybridStanza.Type).ToList();
        var unsupported = distinct.Where(type => type is "scrypt" or "ssh-ed25519" or "ssh-rsa" or "piv-p256" or "p256tag" or "mlkem768p256tag").ToList();
        var onlyUnsupported = unsupported.Count > 0 && supported.Count == 0;
        var hint = onlyUnsupported
            ? $" (unsupported recipient type {string.Join(", ", unsupported)}: only X25519 and mlkem768x25519 are supported)"
            : string.Empty;
        throw new SopsException(
            onlyUnsupported ? SopsErrorKind.UnsupportedRecipientType : SopsErrorKind.NoMatchingIdentity,
            $"no identity matched any of the recipients; stanza types present: {string.Join(", ", distinct)}; identities tried: {identities.Count}{hint}")
        {
            RecipientsPresent = distinct,
        };
    }
}
