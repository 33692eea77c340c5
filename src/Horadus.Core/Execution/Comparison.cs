namespace Horadus.Core.Execution;

/// <summary>What differs between an approved plan and the fresh one; <see cref="Edited"/> when the facts agree but the steps do not.</summary>
public sealed record Comparison(IReadOnlyList<string> Differences, bool Edited)
{
    public bool Same => Differences.Count == 0;

    /// <summary>The one-line reason to show a person.</summary>
    public string Error => Edited
        ? "the plan file does not match the plan made now from the same host and manifest: it was edited after it was saved; make a new plan"
        : "the plan is stale: the host or the manifest changed since it was made; make a new plan";
}
