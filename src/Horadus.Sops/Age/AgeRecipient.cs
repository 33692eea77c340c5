namespace Horadus.Sops.Age;

/// <summary>An age recipient: X25519 (<c>age1...</c>) or post-quantum hybrid (<c>age1pq1...</c>).</summary>
public sealed class AgeRecipient : IEquatable<AgeRecipient>
{
    private const string X25519Hrp = "age";
    private const string HybridHrp = "age1pq";

    private AgeRecipient(string type, byte[] publicKey, string text)
    {
        Type = type;
        PublicKey = publicKey;
        Text = text;
    }

    /// <summary>The stanza type this recipient gets: <c>X25519</c> or <c>mlkem768x25519</c>.</summary>
    public string Type { get; }

    /// <summary>The canonical <c>age1...</c> text (hybrid recipients are about 1,960 characters long).</summary>
    public string Text { get; }

    /// <summary>The text, shortened for messages when it is very long.</summary>
    public string ShortText => Text.Length > 80 ? Text[..20] + "…" + Text[^12..] : Text;

    internal byte[] PublicKey { get; }

    internal bool IsHybrid => Type == HybridStanza.Type;

    /// <summary>Parses an <c>age1...</c> or <c>age1pq1...</c> recipient (surrounding whitespace is trimmed, as sops does).</summary>
    /// <exception cref="SopsException">With <see cref="SopsErrorKind.UnsupportedRecipientType"/> for plugin and ssh
    /// recipients, otherwise <see cref="SopsErrorKind.Malformed"/>.</exception>
    public static AgeRecipient Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("ssh-", StringComparison.Ordinal))
        {
            throw new SopsException(SopsErrorKind.UnsupportedRecipientType, "unsupported recipient type ssh");
        }

        if (!Bech32.TryDecode(trimmed, out var hrp, out var data))
        {
            throw SopsException.Malformed("failed to parse input as Bech32-encoded age public key");
        }

        return hrp switch
        {
            X25519Hrp when data.Length == 32 => new AgeRecipient(X25519Stanza.Type, data, trimmed.ToLowerInvariant()),
            HybridHrp when data.Length == MlKem768X25519.PublicKeySize => new AgeRecipient(HybridStanza.Type, data, trimmed.ToLowerInvariant()),
            _ when hrp.StartsWith("age1", StringComparison.Ordinal) =>
                throw new SopsException(SopsErrorKind.UnsupportedRecipientType, $"unsupported recipient type age plugin ({hrp})"),
            _ => throw SopsException.Malformed("failed to parse input as Bech32-encoded age public key"),
        };
    }

    internal static AgeRecipient FromPublicKey(byte[] publicKey) => new(X25519Stanza.Type, publicKey, Bech32.Encode(X25519Hrp, publicKey));

    internal static AgeRecipient FromHybridPublicKey(byte[] publicKey) => new(HybridStanza.Type, publicKey, Bech32.Encode(HybridHrp, publicKey));

    internal AgeStanza Wrap(ReadOnlySpan<byte> fileKey) => IsHybrid ? HybridStanza.Wrap(fileKey, this) : X25519Stanza.Wrap(fileKey, this);

    /// <inheritdoc />
    public bool Equals(AgeRecipient? other) => other is not null && other.Text == Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AgeRecipient);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
