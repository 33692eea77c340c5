using System.Security.Cryptography;
using System.Text;
using Horadus.Sops.Age;
using Horadus.Sops.Crypto;
using Horadus.Sops.Metadata;

namespace Horadus.Sops;

/// <summary>
/// Recovers the 32-byte data key from the metadata's key groups like sops: each group yields its part from
/// the first age entry that an identity opens; one group gives the key directly, several are combined with
/// Shamir once at least <c>shamir_threshold</c> parts are known.
/// </summary>
internal static class DataKeyRecovery
{
    private const int DataKeySize = 32;

    public static byte[] Recover(SopsMetadata metadata, SopsKeyRing keys)
    {
        var parts = new List<byte[]>();
        var report = new StringBuilder("Failed to get the data key required to decrypt the SOPS file.\n");
        var failures = new List<SopsException>();
        for (var index = 0; index < metadata.KeyGroups.Count; index++)
        {
            var part = RecoverPart(metadata.KeyGroups[index], keys, failures, out var groupReport);
            if (part is not null)
            {
                parts.Add(part);
                report.Append('\n').Append("Group ").Append(index).Append(": OK");
            }
            else
            {
                report.Append('\n').Append("Group ").Append(index).Append(": FAILED").Append(groupReport);
            }
        }

        byte[]? dataKey = null;
        if (metadata.KeyGroups.Count > 1)
        {
            if (parts.Count >= Math.Max(metadata.ShamirThreshold, 2))
            {
                dataKey = Shamir.Combine(parts);
            }

            parts.ForEach(part => CryptographicOperations.ZeroMemory(part));
        }
        else if (parts.Count == 1)
        {
            dataKey = parts[0];
        }

        if (dataKey is null)
        {
            var recipients = metadata.KeyGroups.SelectMany(group => group.AgeKeys.Select(key => key.Recipient)).ToList();
            var identityNote = keys.Identities.Count == 0
                ? "\n\nNo age identities were found" + (keys.Problems.Count > 0 ? ": " + string.Join("; ", keys.Problems) : ".")
                : $"\n\nTried {SopsKeyRing.Count(keys.Identities.Count)} from: {string.Join("; ", keys.Sources)}";
            throw new SopsException(KindOf(failures), report + identityNote)
            {
                RecipientsPresent = recipients,
            };
        }

        if (dataKey.Length != DataKeySize)
        {
            throw SopsException.Malformed($"the recovered data key has {dataKey.Length} bytes instead of {DataKeySize}");
        }

        return dataKey;
    }

    private static byte[]? RecoverPart(KeyGroup group, SopsKeyRing keys, List<SopsException> failures, out string groupReport)
    {
        var report = new StringBuilder();
        foreach (var entry in group.AgeKeys)
        {
            try
            {
                groupReport = string.Empty;
                return AgeFile.Decrypt(Encoding.UTF8.GetBytes(entry.EncryptedKey), keys.Identities);
            }
            catch (SopsException exception)
            {
                failures.Add(exception);
                report.Append("\n  ").Append(entry.Recipient).Append(": FAILED\n    - | ").Append(exception.Message);
            }
        }

        foreach (var other in group.OtherKeys)
        {
            report.Append("\n  (").Append(other).Append(" master key: not supported by this library)");
        }

        groupReport = report.ToString();
        return null;
    }

    private static SopsErrorKind KindOf(List<SopsException> failures)
    {
        if (failures.Count == 0 || failures.All(failure => failure.Kind is SopsErrorKind.NoMatchingIdentity))
        {
            return SopsErrorKind.NoMatchingIdentity;
        }

        var other = failures.First(failure => failure.Kind is not SopsErrorKind.NoMatchingIdentity);
        return other.Kind;
    }
}
