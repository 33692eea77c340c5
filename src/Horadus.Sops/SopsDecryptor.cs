using System.Security.Cryptography;
using System.Text;
using Horadus.Sops.Crypto;
using Horadus.Sops.Formatting;
using Horadus.Sops.Metadata;
using Horadus.Sops.Stores;
using Horadus.Sops.Walking;

namespace Horadus.Sops;

/// <summary>Decrypts SOPS files and verifies their MAC, as <c>sops --decrypt</c> does.</summary>
public static class SopsDecryptor
{
    /// <summary>
    /// Decrypts a SOPS file. The data key is recovered from the age entries, every value is decrypted
    /// with its key path as AAD, and the MAC is recomputed and compared with the stored one.
    /// </summary>
    /// <exception cref="SopsException">On any failure; see <see cref="SopsErrorKind"/>.</exception>
    public static SopsDocument Decrypt(ReadOnlySpan<byte> fileBytes, SopsFormat format, SopsKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var (branches, metadataTree) = SopsStores.LoadEncrypted(fileBytes, format);
        var metadata = SopsMetadataReader.Read(metadataTree);
        var dataKey = DataKeyRecovery.Recover(metadata, keys);
        try
        {
            return DecryptWithDataKey(branches, metadata, dataKey, format);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw;
        }
    }

    private static SopsDocument DecryptWithDataKey(IReadOnlyList<SopsMapping> branches, SopsMetadata metadata, byte[] dataKey, SopsFormat format)
    {
        var leaves = new List<DecryptedLeaf>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var rules = metadata.Rules;
        if (rules.MacOnlyEncrypted)
        {
            hash.AppendData(MacInitialization.MacOnlyEncrypted);
        }

        var decrypted = branches.Select(branch => TreeWalker.WalkMapping(branch, (leaf, path, comments) =>
        {
            var isComment = leaf is SopsComment;
            var encrypted = rules.ShouldBeEncrypted(path, comments, isComment);
            var aad = string.Concat(path.Select(key => key + ":"));
            var result = encrypted ? DecryptLeaf(leaf, dataKey, aad, leaves) : leaf;
            if ((!rules.MacOnlyEncrypted || encrypted) && result is SopsScalar scalar)
            {
                hash.AppendData(scalar.CanonicalSpan);
            }

            return result;
        })).ToList();

        var computedMac = Convert.ToHexString(hash.GetHashAndReset());
        var fileMac = DecryptMac(metadata, dataKey);
        if (fileMac != computedMac)
        {
            throw new SopsException(SopsErrorKind.MacMismatch,
                "MAC mismatch: the MAC stored in the file does not match the MAC computed over its values; the file was modified or is corrupt")
            {
                FileMac = fileMac.Length == 0 ? "no MAC" : fileMac,
                ComputedMac = computedMac,
            };
        }

        return new SopsDocument(format, decrypted, computedMac, metadata.LastModified, metadata.Version, dataKey, leaves);
    }

    private static SopsNode DecryptLeaf(SopsNode leaf, byte[] dataKey, string aad, List<DecryptedLeaf> leaves)
    {
        if (leaf is SopsComment comment)
        {
            // sops keeps a comment it cannot decrypt: older files have plain comments under encrypted keys.
            try
            {
                var decryptedComment = SopsValueCipher.Decrypt(comment.Text, dataKey, aad);
                if (decryptedComment is SopsComment text)
                {
                    leaves.Add(new DecryptedLeaf(aad, "comment", Encoding.UTF8.GetBytes(text.Text)));
                    return text;
                }

                return decryptedComment is SopsScalar plainScalar ? new SopsComment(plainScalar.AsText()) : comment;
            }
            catch (SopsException)
            {
                return comment;
            }
        }

        if (leaf is not SopsScalar { Type: SopsValueType.Str } encryptedText)
        {
            throw new SopsException(SopsErrorKind.Malformed, $"Expected encrypted value as string at AAD '{aad}'") { AadPath = aad };
        }

        var value = SopsValueCipher.Decrypt(encryptedText.AsText(), dataKey, aad);
        if (value is SopsComment valueComment)
        {
            // A value of type "comment" behaves like a string in sops (ToBytes of a Comment is its text).
            value = SopsScalar.FromString(valueComment.Text);
        }

        var scalar = (SopsScalar)value;
        leaves.Add(new DecryptedLeaf(aad, SopsValueTypeNames.Name(scalar.Type) ?? "null", scalar.CanonicalBytes));

        return scalar;
    }

    private static string DecryptMac(SopsMetadata metadata, byte[] dataKey)
    {
        var aad = GoTime.FormatRfc3339(metadata.LastModified);
        try
        {
            return SopsValueCipher.Decrypt(metadata.Mac, dataKey, aad) is SopsScalar { Type: SopsValueType.Str } mac
                ? mac.AsText()
                : throw new SopsException(SopsErrorKind.MacMismatch, "Cannot decrypt MAC: unexpected MAC type");
        }
        catch (SopsException exception) when (exception.Kind is SopsErrorKind.AuthenticationFailed or SopsErrorKind.Malformed)
        {
            throw new SopsException(SopsErrorKind.MacMismatch, "Cannot decrypt MAC: " + exception.Message, exception);
        }
    }
}
