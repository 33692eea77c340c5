using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Horadus.Core.Planning;
using Horadus.Core.Serialization;

namespace Horadus.Core.Execution;

/// <summary>Tells whether a plan made earlier still describes what applying now would do, and if not, what moved.</summary>
public static class PlanComparison
{
    private static readonly JsonTypeInfo<Change> ChangeJson = HoradusJson.Options(CoreJsonContext.Default).Info<Change>();

    /// <summary>
    /// The differences between the approved plan and a fresh one: the host facts, the manifest facts, then every step in
    /// order, all of it (details, fingerprints, sizes, modes, operations), so that an edited plan file runs nothing.
    /// </summary>
    public static Comparison Compare(Plan approved, Plan fresh)
    {
        var moved = new List<string>();
        moved.AddRange(Diff("host", approved.ObservedFacts, fresh.ObservedFacts));
        moved.AddRange(Diff("manifest", approved.DesiredFacts, fresh.DesiredFacts));
        if (moved.Count > 0)
        {
            return new Comparison(moved, Edited: false);
        }

        var before = approved.Changes.Select(Describe).ToList();
        var after = fresh.Changes.Select(Describe).ToList();
        var edited = new List<string>();
        if (!before.SequenceEqual(after, StringComparer.Ordinal) || approved.Target != fresh.Target || approved.Kind != fresh.Kind || approved.ByOperator != fresh.ByOperator)
        {
            edited.AddRange(Diff("plan", before, after));
            if (edited.Count == 0)
            {
                edited.Add(approved.Target != fresh.Target || approved.Kind != fresh.Kind || approved.ByOperator != fresh.ByOperator
                    ? $"plan: target {approved.Target} ({approved.Kind}) should be {fresh.Target} ({fresh.Kind})"
                    : "plan: the same steps in another order");
            }
        }

        return new Comparison(edited, Edited: edited.Count > 0);
    }

    private static string Describe(Change change) => JsonSerializer.Serialize(change, ChangeJson);

    private static IEnumerable<string> Diff(string what, IReadOnlyList<string> was, IReadOnlyList<string> now)
    {
        var gone = was.Except(now, StringComparer.Ordinal);
        var added = now.Except(was, StringComparer.Ordinal);
        return gone.Select(f => $"{what}: was  {f}").Concat(added.Select(f => $"{what}: now  {f}"));
    }
}
