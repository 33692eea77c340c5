namespace Horadus.Core.Ports;

/// <summary>What a daemon does about a failed fetch of the manifest.</summary>
public enum ManifestSourceFailure
{
    /// <summary>Unreachable, timed out, cache busy: the same settings may work later; back off and retry.</summary>
    Transient,

    /// <summary>The settings name something that is not there (a ref, a deleted branch, a manifest path): retrying will not help.</summary>
    Configuration,

    /// <summary>The commit is not signed by an allowed key: it is never applied; report it and wait for another commit.</summary>
    Verification,
}
