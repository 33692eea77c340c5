using Horadus.Core.Services;

namespace Horadus.Core.Swarm;

/// <summary>The labels Horadus puts on the swarm secrets it creates: enough to tell its own from a stranger's.</summary>
public static class SwarmLabels
{
    public const string Managed = HoradusLabels.Managed;
    public const string Release = HoradusLabels.Release;
    public const string File = "horadus.file";

    /// <summary>The keyed fingerprint of the value (HMAC-SHA256 under the root's key), never the value.</summary>
    public const string Fingerprint = "horadus.fingerprint";
}
