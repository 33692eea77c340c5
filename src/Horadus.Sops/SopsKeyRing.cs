using Horadus.Sops.Age;

namespace Horadus.Sops;

/// <summary>
/// The age identities available for decryption, with a human description of where they came from.
/// Neither <see cref="ToString"/> nor <see cref="Sources"/> ever contains key material.
/// </summary>
public sealed class SopsKeyRing
{
    /// <summary>Creates a key ring.</summary>
    /// <param name="identities">Identities, in the order they are tried.</param>
    /// <param name="sources">Where they came from, e.g. "SOPS_AGE_KEY_FILE (/home/me/keys.txt): 1 identity".</param>
    /// <param name="problems">Key sources that could not be used, without key material.</param>
    public SopsKeyRing(IEnumerable<AgeIdentity> identities, IEnumerable<string>? sources = null, IEnumerable<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(identities);
        Identities = [.. identities];
        Sources = [.. sources ?? []];
        Problems = [.. problems ?? []];
    }

    /// <summary>The identities, in the order they are tried.</summary>
    public IReadOnlyList<AgeIdentity> Identities { get; }

    /// <summary>Where the identities came from (locations and counts only).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Key sources that were configured but could not be read or parsed.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>A key ring holding the given identities, described as supplied by the caller.</summary>
    public static SopsKeyRing FromIdentities(params AgeIdentity[] identities) =>
        new(identities, [$"caller: {Count(identities.Length)}"]);

    /// <summary>Summarises sources and recipients; never the keys.</summary>
    public override string ToString() =>
        $"SopsKeyRing({Count(Identities.Count)} for {string.Join(", ", Identities.Select(identity => identity.Recipient.Text))}; from {string.Join("; ", Sources)})";

    internal static string Count(int count) => count == 1 ? "1 identity" : $"{count} identities";
}
