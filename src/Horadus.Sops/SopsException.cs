namespace Horadus.Sops;

/// <summary>
/// The single exception type of this library. Messages follow sops's own wording but never contain
/// plaintext, data keys or identities.
/// </summary>
public sealed class SopsException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public SopsException(SopsErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates a <see cref="SopsErrorKind.Malformed"/> exception.</summary>
    public SopsException()
        : this(SopsErrorKind.Malformed, "Malformed SOPS file")
    {
    }

    /// <summary>Creates a <see cref="SopsErrorKind.Malformed"/> exception.</summary>
    public SopsException(string message)
        : this(SopsErrorKind.Malformed, message)
    {
    }

    /// <summary>Creates a <see cref="SopsErrorKind.Malformed"/> exception.</summary>
    public SopsException(string message, Exception innerException)
        : this(SopsErrorKind.Malformed, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public SopsErrorKind Kind { get; }

    /// <summary>For <see cref="SopsErrorKind.AuthenticationFailed"/> on a value: its additional data (key path joined with <c>:</c>).</summary>
    public string? AadPath { get; init; }

    /// <summary>For <see cref="SopsErrorKind.NoMatchingIdentity"/>: the recipients (or age stanza types) that were present.</summary>
    public IReadOnlyList<string> RecipientsPresent { get; init; } = [];

    /// <summary>For <see cref="SopsErrorKind.MacMismatch"/>: the MAC stored in the file (uppercase hex, a hash of the plaintext).</summary>
    public string? FileMac { get; init; }

    /// <summary>For <see cref="SopsErrorKind.MacMismatch"/>: the MAC computed over the values (uppercase hex, a hash of the plaintext).</summary>
    public string? ComputedMac { get; init; }

    internal static SopsException Malformed(string message, Exception? inner = null) => new(SopsErrorKind.Malformed, message, inner);
}
