using System.Security.Cryptography;
using Horadus.Core.Desired;

namespace Horadus.Core.Swarm;

/// <summary>
/// The fingerprints written into the labels of a release's swarm secrets. A swarm secret is cluster-wide and outlives any
/// one manager's secrets root, so they are not keyed by a root's key (a new manager, or the first apply's provisional key,
/// would see every version as changed) but by every value of the release (<see cref="FingerprintKey.Provisional"/>):
/// the same release gives the same fingerprints anywhere, and confirming one guessed value from a label needs all the others.
/// </summary>
public static class SwarmFingerprints
{
    /// <summary>File name -> lower-hex HMAC-SHA256 of its value.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<DesiredFile> files)
    {
        var copies = files.Select(f => KeyValuePair.Create(f.Name, f.Value.Reveal().ToArray())).ToList();
        try
        {
            var key = FingerprintKey.Provisional(copies);
            return files.ToDictionary(f => f.Name, f => key.Digest(f.Value.Reveal()).HmacHex, StringComparer.Ordinal);
        }
        finally
        {
            copies.ForEach(c => CryptographicOperations.ZeroMemory(c.Value));
        }
    }
}
