using Horadus.Core.Desired;

namespace Horadus.Core.History;

/// <summary>What the history says about a release: its verdict, since when it is live, and why it failed.</summary>
public sealed record ReleaseStanding(ReleaseStamp Stamp, ReleaseVerdict Verdict, DateTimeOffset? LiveSince, string? FailureReason)
{
    public bool Good => Verdict == ReleaseVerdict.Proven;

    public bool Failed => Verdict == ReleaseVerdict.Failed;
}
