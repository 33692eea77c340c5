using System.Text.Json.Serialization;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Core.Planning;

/// <summary>
/// A plan: the ordered changes that take the observed host to the desired state, the problems found on the way,
/// and the facts it was computed from so that a saved plan can tell when the host moved.
/// </summary>
/// <param name="Stamp">The manifest's release.</param>
/// <param name="Target">The release the plan leaves live: the manifest's, or the last good one when the manifest's failed before.</param>
/// <param name="ByOperator">A person asked for this target by name (--retry-failed, rollback --to): it may be a release that failed.</param>
public sealed record Plan(
    string SecretsRoot,
    ReleaseStamp Stamp,
    IReadOnlyList<Change> Changes,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> ObservedFacts,
    IReadOnlyList<string> DesiredFacts,
    ReleaseStamp? Target = null,
    PlanKind Kind = PlanKind.Apply,
    bool ByOperator = false)
{
    [JsonIgnore]
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    [JsonIgnore]
    public bool IsEmpty => Changes.Count == 0;

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);
}
