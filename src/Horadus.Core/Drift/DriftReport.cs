using System.Text.Json.Serialization;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Core.Drift;

/// <summary>The host against the manifest, as a check: in sync, or each difference with its reason; errors when it cannot tell.</summary>
/// <param name="Target">The release that must be live (the last good one when the desired one failed before).</param>
/// <param name="Live">The release <c>current</c> names now, as observed for this report.</param>
public sealed record DriftReport(string SecretsRoot, ReleaseStamp Desired, ReleaseStamp? Target, IReadOnlyList<DriftItem> Items, IReadOnlyList<Diagnostic> Errors, ReleaseStamp? Live = null)
{
    [JsonIgnore]
    public bool InSync => Items.Count == 0 && Errors.Count == 0;

    /// <summary>How many differences of each kind: what the daemon's metrics and notifications count.</summary>
    public IReadOnlyDictionary<DriftKind, int> CountByKind() =>
        Items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count());
}
