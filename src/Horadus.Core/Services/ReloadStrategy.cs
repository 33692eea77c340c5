namespace Horadus.Core.Services;

/// <summary>
/// <c>reload:</c> a service that takes a new release without being recreated: it mounts the whole secrets root, reads its
/// files through the relative <c>current</c> link (which a switch moves under it), and is told by <see cref="Signal"/>
/// (or, when it is null, notices by itself) that the files changed.
/// </summary>
public sealed record ReloadStrategy(string? Signal)
{
    public const string NoSignal = "none";

    /// <summary>The signals a service may ask for: those apps use for "reload your configuration".</summary>
    public static IReadOnlyList<string> Signals { get; } = ["SIGHUP", "SIGUSR1", "SIGUSR2"];

    public override string ToString() => Signal ?? NoSignal;
}
