namespace Horadus.Core.History;

/// <summary>The verdict the history holds on a release.</summary>
public enum ReleaseVerdict
{
    /// <summary>Known (an apply started with it) but never judged: written, or live and not proven yet.</summary>
    None,

    /// <summary>It went live and passed every gate.</summary>
    Proven,

    /// <summary>Its pre-flight or a gate judged it bad, or an operator rolled back away from it.</summary>
    Failed,
}
