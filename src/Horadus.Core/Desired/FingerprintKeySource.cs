namespace Horadus.Core.Desired;

/// <summary>Where a <see cref="FingerprintKey"/> comes from, which decides whether its fingerprints may be shown.</summary>
public enum FingerprintKeySource
{
    /// <summary>The root's own key, <c>.horadus/fingerprint.key</c>: stable for the root.</summary>
    Root,

    /// <summary>
    /// A root without a key yet, with the values at hand: derived from all of them, so a plan saved before the first apply
    /// is compared with that apply exactly, and confirming one guessed value needs every other value.
    /// </summary>
    Provisional,

    /// <summary>A root without a key and no values at hand (status, rollback): random, so its fingerprints are never shown.</summary>
    Ephemeral,
}
