using System.Globalization;
using Horadus.Sops.Formatting;
using Horadus.Sops.Walking;

namespace Horadus.Sops.Metadata;

/// <summary>Reads the <c>sops</c> metadata mapping with mapstructure's weak typing, as sops does.</summary>
internal static class SopsMetadataReader
{
    private static readonly string[] OtherKeyKinds = ["kms", "gcp_kms", "hckms", "azure_kv", "hc_vault", "pgp"];

    public static SopsMetadata Read(SopsMapping metadata)
    {
        var lastModifiedText = Text(metadata["lastmodified"]) ?? string.Empty;
        if (!GoTime.TryParseRfc3339(lastModifiedText, out var lastModified))
        {
            throw SopsException.Malformed("invalid sops metadata: lastmodified is not an RFC 3339 time");
        }

        var rules = new EncryptionRules
        {
            UnencryptedSuffix = NonEmpty(metadata, "unencrypted_suffix"),
            EncryptedSuffix = NonEmpty(metadata, "encrypted_suffix"),
            UnencryptedRegex = NonEmpty(metadata, "unencrypted_regex"),
            EncryptedRegex = NonEmpty(metadata, "encrypted_regex"),
            UnencryptedCommentRegex = NonEmpty(metadata, "unencrypted_comment_regex"),
            EncryptedCommentRegex = NonEmpty(metadata, "encrypted_comment_regex"),
            MacOnlyEncrypted = Bool(metadata["mac_only_encrypted"]),
        };
        var ruleCount = rules.SelectionRuleCount;
        if (ruleCount > 1)
        {
            throw SopsException.Malformed("Cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex in the same file");
        }

        if (ruleCount == 0)
        {
            rules = rules with { UnencryptedSuffix = EncryptionRules.DefaultUnencryptedSuffix };
        }

        return new SopsMetadata(
            ReadKeyGroups(metadata),
            Int(metadata["shamir_threshold"]),
            lastModified,
            Text(metadata["mac"]) ?? string.Empty,
            Text(metadata["version"]),
            rules);
    }

    private static List<KeyGroup> ReadKeyGroups(SopsMapping metadata)
    {
        var topLevel = ReadGroup(metadata);
        if (topLevel.AgeKeys.Count > 0 || topLevel.OtherKeys.Count > 0)
        {
            return [topLevel];
        }

        if (metadata["key_groups"] is SopsSequence groups && groups.Items.Any(item => item is SopsMapping))
        {
            return groups.Items.OfType<SopsMapping>().Select(ReadGroup).ToList();
        }

        throw SopsException.Malformed("No keys found in file");
    }

    private static KeyGroup ReadGroup(SopsMapping group)
    {
        var ageKeys = Entries(group["age"])
            .Select(entry => new AgeKeyEntry(Text(entry["recipient"]) ?? string.Empty, Text(entry["enc"]) ?? string.Empty))
            .ToList();
        var others = OtherKeyKinds
            .SelectMany(kind => Entries(group[kind]).Select(entry => kind))
            .ToList();
        return new KeyGroup(ageKeys, others);
    }

    private static IEnumerable<SopsMapping> Entries(SopsNode? node) =>
        node is SopsSequence sequence ? sequence.Items.OfType<SopsMapping>() : [];

    private static string? NonEmpty(SopsMapping metadata, string key) => Text(metadata[key]) is { Length: > 0 } text ? text : null;

    private static string? Text(SopsNode? node) => node switch
    {
        SopsScalar { Type: SopsValueType.Null } => null,
        SopsScalar { Type: SopsValueType.Bool } scalar => (bool)scalar.Value! ? "1" : "0",
        SopsScalar scalar => scalar.AsText(),
        _ => null,
    };

    private static bool Bool(SopsNode? node) => node switch
    {
        SopsScalar { Type: SopsValueType.Bool } scalar => (bool)scalar.Value!,
        SopsScalar { Type: SopsValueType.Int } scalar => (long)scalar.Value! != 0,
        SopsScalar scalar when scalar.AsText().Length == 0 => false,
        SopsScalar scalar => GoParse.TryParseBool(scalar.AsText(), out var value)
            ? value
            : throw SopsException.Malformed("invalid sops metadata: mac_only_encrypted is not a boolean"),
        _ => false,
    };

    private static int Int(SopsNode? node) => node switch
    {
        SopsScalar { Type: SopsValueType.Int } scalar => (int)(long)scalar.Value!,
        SopsScalar { Type: SopsValueType.Float } scalar => (int)(double)scalar.Value!,
        SopsScalar scalar when scalar.AsText().Length == 0 => 0,
        SopsScalar scalar => int.TryParse(scalar.AsText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SopsException.Malformed("invalid sops metadata: shamir_threshold is not an integer"),
        _ => 0,
    };
}
