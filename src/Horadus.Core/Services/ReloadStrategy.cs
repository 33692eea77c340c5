namespace Horadus.Core.Services;

/// <summary>
/// <c>reload:</c> a service that takes a new release without being recreated: it mounts the whole secrets root, reads its
/// files through the relative <c>current</c> link (which a switch moves under it), and is told by <see cref="Signal"/>
/// (or, when it is null, notices by itself) that the files changed.
/// </summary>
public sealed record ReloadStrategy(string? Signal)
{
    /// <summary>What the manifest says for "no signal"; the signals themselves are the schema's (SIGHUP, SIGUSR1, SIGUSR2).</summary>
    public const string NoSignal = "none";

    public override string ToString() => Signal ?? NoSignal;
}
