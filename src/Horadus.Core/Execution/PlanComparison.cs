using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>Tells whether a plan made earlier still describes what applying now would do, and if not, what moved.</summary>
public static class PlanComparison
{
    public static IReadOnlyList<string> WhatMoved(Plan approved, Plan fresh)
    {
        var moved = new List<string>();
        moved.AddRange(Diff("host", approved.ObservedFacts, fresh.ObservedFacts));
        moved.AddRange(Diff("manifest", approved.DesiredFacts, fresh.DesiredFacts));
        if (moved.Count == 0)
        {
            var before = approved.Changes.Select(Describe).ToList();
            var after = fresh.Changes.Select(Describe).ToList();
            moved.AddRange(Diff("plan", before, after));
        }

        return moved;
    }

    private static string Describe(Change change) => $"{change.Action} {change.Address} -> {change.After ?? "-"}";

    private static IEnumerable<string> Diff(string what, IReadOnlyList<string> was, IReadOnlyList<string> now)
    {
        var gone = was.Except(now, StringComparer.Ordinal);
        var added = now.Except(was, StringComparer.Ordinal);
        return gone.Select(f => $"{what}: was  {f}").Concat(added.Select(f => $"{what}: now  {f}"));
    }
}
