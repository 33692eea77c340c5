using Horadus.Sops.Age;

namespace Horadus.Sops;

/// <summary>
/// Optional settings for <see cref="SopsEncryptor"/>. At most one of the six selection rules may be set
/// (as in sops); with none, values under keys ending in <c>_unencrypted</c> stay in clear text.
/// </summary>
public sealed record SopsEncryptionOptions
{
    /// <summary>
    /// Key groups for Shamir secret sharing: the data key is split into one share per group and each share is
    /// encrypted to that group's recipients. Null (the default) means one group: the recipients passed to Encrypt.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<AgeRecipient>>? KeyGroups { get; init; }

    /// <summary>How many key groups are needed to decrypt (<c>shamir_threshold</c>); 0 means all of them.</summary>
    public int ShamirThreshold { get; init; }

    /// <summary>Values under a key ending in this suffix stay in clear text (<c>unencrypted_suffix</c>).</summary>
    public string? UnencryptedSuffix { get; init; }

    /// <summary>Only values under a key ending in this suffix are encrypted (<c>encrypted_suffix</c>).</summary>
    public string? EncryptedSuffix { get; init; }

    /// <summary>Values under a key matching this regular expression stay in clear text (<c>unencrypted_regex</c>).</summary>
    public string? UnencryptedRegex { get; init; }

    /// <summary>Only values under a key matching this regular expression are encrypted (<c>encrypted_regex</c>).</summary>
    public string? EncryptedRegex { get; init; }

    /// <summary>Values after a comment matching this regular expression stay in clear text (<c>unencrypted_comment_regex</c>).</summary>
    public string? UnencryptedCommentRegex { get; init; }

    /// <summary>Only values after a comment matching this regular expression are encrypted (<c>encrypted_comment_regex</c>).</summary>
    public string? EncryptedCommentRegex { get; init; }

    /// <summary>When true the MAC covers only encrypted values (<c>mac_only_encrypted</c>), so clear-text values may be edited.</summary>
    public bool MacOnlyEncrypted { get; init; }
}
