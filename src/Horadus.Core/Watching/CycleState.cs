using System.Text.Json.Serialization;

namespace Horadus.Core.Watching;

/// <summary>How one cycle of the daemon found, or left, the host.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CycleState>))]
public enum CycleState
{
    InSync,

    /// <summary>Differences found and left (policy report, or suspended).</summary>
    Drifted,

    /// <summary>Differences found and corrected: the apply succeeded.</summary>
    Applied,

    /// <summary>The apply failed its gates and was rolled back.</summary>
    RolledBack,

    /// <summary>The apply failed otherwise (the previous release is live).</summary>
    ApplyFailed,

    /// <summary>The cycle could not run (manifest, values, engine, lock): retried with backoff.</summary>
    Error,
}
