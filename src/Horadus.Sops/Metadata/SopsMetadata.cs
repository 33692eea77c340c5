using Horadus.Sops.Walking;

namespace Horadus.Sops.Metadata;

/// <summary>One age entry of the metadata: the recipient and the armored age file holding the data key (or its Shamir share).</summary>
internal sealed record AgeKeyEntry(string Recipient, string EncryptedKey);

/// <summary>A key group: its age entries, plus the names of master keys of other kinds (pgp, kms, ...) that we cannot use.</summary>
internal sealed record KeyGroup(IReadOnlyList<AgeKeyEntry> AgeKeys, IReadOnlyList<string> OtherKeys);

/// <summary>The parts of the <c>sops</c> metadata that decryption needs.</summary>
internal sealed record SopsMetadata(
    IReadOnlyList<KeyGroup> KeyGroups,
    int ShamirThreshold,
    DateTimeOffset LastModified,
    string Mac,
    string? Version,
    EncryptionRules Rules);
