namespace Horadus.Core.Watching;

/// <summary>What the daemon does about drift: say so, or converge.</summary>
public enum DriftPolicy
{
    /// <summary>Detect and report only; nothing on the host is changed.</summary>
    Report,

    /// <summary>Apply the plan (auto-approved) when the host drifted or the manifest changed.</summary>
    Correct,
}
