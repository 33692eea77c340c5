using System.Security.Cryptography;
using System.Text;
using Horadus.Sops.Age;
using Horadus.Sops.Crypto;
using Horadus.Sops.Formatting;
using Horadus.Sops.Metadata;
using Horadus.Sops.Stores;
using Horadus.Sops.Walking;

namespace Horadus.Sops;

/// <summary>Writes SOPS files for age recipients, in the layout of current sops, so real sops opens them.</summary>
public static class SopsEncryptor
{
    /// <summary>Encrypts top-level keys with scalar or list values.</summary>
    /// <param name="values">Keys in output order with their plaintext values.</param>
    /// <param name="format">YAML, JSON or dotenv (dotenv values must be scalars; they are written as strings).</param>
    /// <param name="recipients">The age recipients that may decrypt the file.</param>
    /// <param name="time">The clock for <c>lastmodified</c>.</param>
    /// <param name="options">Optional key groups and encryption rules.</param>
    public static byte[] Encrypt(
        IReadOnlyList<(string Key, SopsPlainValue Value)> values,
        SopsFormat format,
        IReadOnlyList<AgeRecipient> recipients,
        TimeProvider time,
        SopsEncryptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tree = new SopsMapping(values.Select(pair => new SopsMappingItem(pair.Key, pair.Value.Node)).ToList());
        return Encrypt(tree, format, recipients, time, options);
    }

    /// <summary>Encrypts a whole tree (nested mappings, lists and comments allowed where the format has them).</summary>
    public static byte[] Encrypt(
        SopsMapping tree,
        SopsFormat format,
        IReadOnlyList<AgeRecipient> recipients,
        TimeProvider time,
        SopsEncryptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new SopsEncryptionOptions();
        if (format is not (SopsFormat.Yaml or SopsFormat.Json or SopsFormat.Dotenv))
        {
            throw new SopsException(SopsErrorKind.UnsupportedFormat, $"encrypting to the {format} format is not supported; use YAML, JSON or dotenv");
        }

        if (tree.Entries.Any(entry => entry.Key == "sops") || (format == SopsFormat.Dotenv && tree.Entries.Any(entry => entry.Key.StartsWith("sops_", StringComparison.Ordinal))))
        {
            throw new ArgumentException("the tree already has sops metadata keys", nameof(tree));
        }

        var groups = options.KeyGroups ?? [recipients];
        if (groups.Count == 0 || groups.Any(group => group.Count == 0))
        {
            throw new ArgumentException("every key group needs at least one recipient", nameof(recipients));
        }

        var plain = format == SopsFormat.Dotenv ? DotenvStoreWriter.Normalize(tree) : tree;
        var lastModified = TruncateToSeconds(time.GetUtcNow());
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var rules = RulesFrom(options);
            var (encrypted, mac) = EncryptTree(plain, dataKey, rules);
            var encryptedMac = SopsValueCipher.EncryptBytes(Encoding.ASCII.GetBytes(mac), "str", dataKey, GoTime.FormatRfc3339(lastModified));
            var threshold = options.ShamirThreshold == 0 ? groups.Count : options.ShamirThreshold;
            var metadata = MetadataWriter.Build(EncryptDataKey(dataKey, groups, threshold), threshold, lastModified, encryptedMac, rules);
            return format switch
            {
                SopsFormat.Yaml => YamlStoreWriter.Write(encrypted, metadata),
                SopsFormat.Json => JsonStoreWriter.Write(encrypted, metadata),
                _ => DotenvStoreWriter.Write(encrypted, metadata),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Encrypts every leaf the rules select, hashing values in tree order (sops's Tree.Encrypt).</summary>
    private static (SopsMapping Tree, string Mac) EncryptTree(SopsMapping tree, byte[] dataKey, EncryptionRules rules)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        if (rules.MacOnlyEncrypted)
        {
            hash.AppendData(MacInitialization.MacOnlyEncrypted);
        }

        var encrypted = TreeWalker.WalkMapping(tree, (leaf, path, comments) =>
        {
            var isComment = leaf is SopsComment;
            var encrypt = rules.ShouldBeEncrypted(path, comments, isComment);
            var aad = string.Concat(path.Select(key => key + ":"));
            if (leaf is SopsScalar scalar)
            {
                if (!rules.MacOnlyEncrypted || encrypt)
                {
                    hash.AppendData(scalar.CanonicalSpan);
                }

                return encrypt ? SopsScalar.FromString(SopsValueCipher.Encrypt(scalar, dataKey, aad)) : scalar;
            }

            var comment = (SopsComment)leaf;
            if (!encrypt)
            {
                return comment;
            }

            var encryptedComment = SopsValueCipher.EncryptComment(comment.Text, dataKey, aad);
            // As sops: an encrypted comment that the unencrypted-comment rule would match could never be decrypted.
            if (rules.MatchesUnencryptedCommentRegex(encryptedComment))
            {
                throw new ArgumentException("an encrypted comment matches UnencryptedCommentRegex; make sure that the regex cannot match an encrypted comment");
            }

            return new SopsComment(encryptedComment);
        });
        return (encrypted, Convert.ToHexString(hash.GetHashAndReset()));
    }

    private static EncryptionRules RulesFrom(SopsEncryptionOptions options)
    {
        var rules = new EncryptionRules
        {
            UnencryptedSuffix = NullIfEmpty(options.UnencryptedSuffix),
            EncryptedSuffix = NullIfEmpty(options.EncryptedSuffix),
            UnencryptedRegex = NullIfEmpty(options.UnencryptedRegex),
            EncryptedRegex = NullIfEmpty(options.EncryptedRegex),
            UnencryptedCommentRegex = NullIfEmpty(options.UnencryptedCommentRegex),
            EncryptedCommentRegex = NullIfEmpty(options.EncryptedCommentRegex),
            MacOnlyEncrypted = options.MacOnlyEncrypted,
        };
        return rules.SelectionRuleCount switch
        {
            0 => rules with { UnencryptedSuffix = EncryptionRules.DefaultUnencryptedSuffix },
            1 => rules,
            _ => throw new ArgumentException("Cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex", nameof(options)),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static List<IReadOnlyList<AgeKeyEntry>> EncryptDataKey(byte[] dataKey, IReadOnlyList<IReadOnlyList<AgeRecipient>> groups, int threshold)
    {
        var shares = groups.Count == 1 ? [dataKey] : Shamir.Split(dataKey, groups.Count, threshold);
        return groups.Select((group, index) => (IReadOnlyList<AgeKeyEntry>)group
            .Select(recipient => new AgeKeyEntry(recipient.Text, Encoding.ASCII.GetString(AgeFile.Encrypt(shares[index], [recipient], armor: true))))
            .ToList()).ToList();
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcDateTime.Ticks - (value.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
