using NSec.Cryptography;

namespace Horadus.Sops.Age;

/// <summary>
/// An age identity: X25519 (<c>AGE-SECRET-KEY-</c> then <c>1...</c>, bech32) or post-quantum hybrid MLKEM768-X25519
/// (<c>AGE-SECRET-KEY-PQ-1...</c>). The secret never appears in <see cref="ToString"/> or in exception messages.
/// </summary>
public sealed class AgeIdentity
{
    private const string X25519Hrp = "AGE-SECRET-KEY-";
    private const string HybridHrp = "AGE-SECRET-KEY-PQ-";
    private readonly byte[] _secretKey;
    private readonly MlKem768X25519.PrivateKey? _hybrid;

    private AgeIdentity(byte[] secretKey, bool hybrid)
    {
        _secretKey = secretKey;
        if (hybrid)
        {
            _hybrid = MlKem768X25519.Expand(secretKey);
            Recipient = AgeRecipient.FromHybridPublicKey(_hybrid.PublicKey);
        }
        else
        {
            using var key = ImportKey();
            PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            Recipient = AgeRecipient.FromPublicKey(PublicKey);
        }
    }

    /// <summary>The recipient (public key) that this identity decrypts for.</summary>
    public AgeRecipient Recipient { get; }

    /// <summary>The X25519 public key (empty for hybrid identities).</summary>
    internal byte[] PublicKey { get; } = [];

    internal MlKem768X25519.PrivateKey? Hybrid => _hybrid;

    /// <summary>Parses one X25519 or post-quantum identity string (<c>AGE-SECRET-KEY-</c>, <c>AGE-SECRET-KEY-PQ-</c> prefixes).</summary>
    /// <exception cref="SopsException">With <see cref="SopsErrorKind.KeySourceFailed"/> or <see cref="SopsErrorKind.UnsupportedRecipientType"/>.</exception>
    public static AgeIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal))
        {
            throw new SopsException(SopsErrorKind.UnsupportedRecipientType, "unsupported identity type: age plugin identities are not supported");
        }

        var hybrid = text.StartsWith(HybridHrp + "1", StringComparison.Ordinal);
        if (!hybrid && !text.StartsWith(X25519Hrp + "1", StringComparison.Ordinal))
        {
            throw new SopsException(SopsErrorKind.KeySourceFailed, "unknown identity type");
        }

        if (!Bech32.TryDecode(text, out var hrp, out var data) || hrp != (hybrid ? HybridHrp : X25519Hrp) || data.Length != 32)
        {
            // Deliberately no detail: the text is a secret.
            throw new SopsException(SopsErrorKind.KeySourceFailed, "malformed secret key: not a valid Bech32 age secret key");
        }

        return new AgeIdentity(data, hybrid);
    }

    /// <summary>
    /// Parses identity-file text as sops does: one identity per line, empty lines and lines starting with
    /// <c>#</c> skipped. With <paramref name="allowSeveralPerLine"/> (the <c>SOPS_AGE_KEY</c> rule) a line may
    /// hold several whitespace-separated identities.
    /// </summary>
    public static IReadOnlyList<AgeIdentity> ParseFile(string text, bool allowSeveralPerLine = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var identities = new List<AgeIdentity>();
        foreach (var rawLine in text.Split('\n'))
        {
            // Go's bufio.Scanner drops the "\r" of CRLF line endings.
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (allowSeveralPerLine)
            {
                identities.AddRange(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Parse));
            }
            else
            {
                identities.Add(Parse(line));
            }
        }

        return identities;
    }

    /// <summary>Shows the public recipient only.</summary>
    public override string ToString() => $"AgeIdentity({Recipient.Type}, {Recipient.ShortText})";

    /// <summary>Tries to unwrap the file key from one stanza; null when the stanza is not for this identity.</summary>
    internal byte[]? Unwrap(AgeStanza stanza) => stanza.Type switch
    {
        X25519Stanza.Type when _hybrid is null => X25519Stanza.Unwrap(stanza, this),
        HybridStanza.Type when _hybrid is not null => HybridStanza.Unwrap(stanza, _hybrid),
        _ => null,
    };

    internal Key ImportKey() => Key.Import(KeyAgreementAlgorithm.X25519, _secretKey, KeyBlobFormat.RawPrivateKey);
}
