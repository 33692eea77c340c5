using Horadus.Sops.Formatting;
using Horadus.Sops.Walking;

namespace Horadus.Sops.Metadata;

/// <summary>
/// Builds the <c>sops</c> metadata mapping in the layout current sops (3.13) writes: keys sorted
/// alphabetically, empty fields omitted, age entries as <c>{enc, recipient}</c>.
/// </summary>
internal static class MetadataWriter
{
    /// <summary>The sops version whose metadata layout this library writes.</summary>
    public const string Version = "3.13.2";

    public static SopsMapping Build(
        IReadOnlyList<IReadOnlyList<AgeKeyEntry>> groups,
        int shamirThreshold,
        DateTimeOffset lastModified,
        string encryptedMac,
        EncryptionRules rules)
    {
        var items = new List<SopsMappingItem>();
        if (groups.Count == 1)
        {
            items.Add(new("age", AgeList(groups[0])));
        }
        else
        {
            var groupNodes = groups.Select(group => (SopsNode)new SopsMapping([new("age", AgeList(group))])).ToList();
            items.Add(new("key_groups", new SopsSequence(groupNodes)));
            items.Add(new("shamir_threshold", SopsScalar.FromInt(shamirThreshold)));
        }

        items.Add(new("lastmodified", SopsScalar.FromString(GoTime.FormatRfc3339(lastModified))));
        items.Add(new("mac", SopsScalar.FromString(encryptedMac)));
        if (rules.MacOnlyEncrypted)
        {
            items.Add(new("mac_only_encrypted", SopsScalar.FromBool(true)));
        }

        AddIfSet(items, "unencrypted_suffix", rules.UnencryptedSuffix);
        AddIfSet(items, "encrypted_suffix", rules.EncryptedSuffix);
        AddIfSet(items, "unencrypted_regex", rules.UnencryptedRegex);
        AddIfSet(items, "encrypted_regex", rules.EncryptedRegex);
        AddIfSet(items, "unencrypted_comment_regex", rules.UnencryptedCommentRegex);
        AddIfSet(items, "encrypted_comment_regex", rules.EncryptedCommentRegex);
        items.Add(new("version", SopsScalar.FromString(Version)));

        // sops 3.13 turns the metadata struct into a map and emits its keys in sorted order.
        return new SopsMapping([.. items.OrderBy(item => item.Key, StringComparer.Ordinal)]);
    }

    private static void AddIfSet(List<SopsMappingItem> items, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            items.Add(new(key, SopsScalar.FromString(value)));
        }
    }

    private static SopsSequence AgeList(IReadOnlyList<AgeKeyEntry> entries) =>
        new(entries.Select(entry => (SopsNode)new SopsMapping(
        [
            new("enc", SopsScalar.FromString(entry.EncryptedKey)),
            new("recipient", SopsScalar.FromString(entry.Recipient)),
        ])).ToList());
}
