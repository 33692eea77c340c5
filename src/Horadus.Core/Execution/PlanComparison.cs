using System.Text.Json;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>Tells whether a plan made earlier still describes what applying now would do, and if not, what moved.</summary>
public static class PlanComparison
{
    /// <summary>
    /// The differences between the approved plan and a fresh one. When the lock itself had to create the root
    /// (the approved plan's first step), the fresh plan sees it present; that is not a move.
    /// </summary>
    public static IReadOnlyList<string> WhatMoved(Plan approved, Plan fresh)
    {
        if (approved.Changes.FirstOrDefault()?.Operation is CreateRoot && fresh.Changes.FirstOrDefault()?.Operation is not CreateRoot)
        {
            approved = approved with
            {
                Changes = approved.Changes.Skip(1).ToList(),
                ObservedFacts = approved.ObservedFacts.Select(f => f == "root: absent" ? "root: present" : f).ToList(),
            };
        }

        var moved = new List<string>();
        moved.AddRange(Diff("host", approved.ObservedFacts, fresh.ObservedFacts));
        moved.AddRange(Diff("manifest", approved.DesiredFacts, fresh.DesiredFacts));
        if (moved.Count == 0)
        {
            // Every step, in order, down to its operation: a plan file edited by hand is not a plan that was made.
            var before = approved.Changes.Select(Describe).ToList();
            var after = fresh.Changes.Select(Describe).ToList();
            if (!before.SequenceEqual(after, StringComparer.Ordinal))
            {
                moved.AddRange(Diff("plan", before, after));
                if (moved.Count == 0)
                {
                    moved.Add("plan: the same steps in another order");
                }
            }
        }

        return moved;
    }

    private static string Describe(Change change) =>
        $"{change.Action} {change.Address} -> {change.After ?? "-"} {JsonSerializer.Serialize(change.Operation)}";

    private static IEnumerable<string> Diff(string what, IReadOnlyList<string> was, IReadOnlyList<string> now)
    {
        var gone = was.Except(now, StringComparer.Ordinal);
        var added = now.Except(was, StringComparer.Ordinal);
        return gone.Select(f => $"{what}: was  {f}").Concat(added.Select(f => $"{what}: now  {f}"));
    }
}
