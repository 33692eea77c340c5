using Horadus.Core.Desired;

namespace Horadus.Core.Services;

/// <summary>
/// One container as the engine reports it. Environment values are never kept: only names, and which look like raw secrets.
/// <see cref="ExitCode"/> is the code of its last exit, when it has exited since it was created.
/// </summary>
/// <param name="SetAside">
/// True for an old container a replacement stopped and renamed aside (<c>&lt;name&gt;-horadus-aside-&lt;id&gt;</c>) until the
/// new one passed its gates. An apply removes it (commit) or brings it back (rollback) before it ends, so one still there
/// was left by an apply that did not finish (killed, power loss) or could not clean up. It is never one of the service's
/// containers: not recreated, not counted, not a pre-flight template; the plan and <c>status</c> report it with what to do.
/// </param>
/// <param name="OriginalName">For a container set aside, the name it had (and gets back on a restore), when it can be told.</param>
/// <param name="PublishedPorts">Host ports it publishes (<c>-p</c>): a second instance started beside it could not bind them.</param>
/// <param name="FinishedAt">When a container that is not running last stopped, when the engine says.</param>
public sealed record ObservedContainer(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    ContainerHealth Health,
    int RestartCount,
    DateTimeOffset? StartedAt,
    IReadOnlyList<ContainerMount> Mounts,
    IReadOnlyDictionary<string, string> FileVariables,
    IReadOnlyList<string> RawSecretVariables,
    IReadOnlyDictionary<string, string> Labels,
    long? ExitCode = null,
    bool SetAside = false,
    string? OriginalName = null,
    IReadOnlyList<string>? PublishedPorts = null,
    DateTimeOffset? FinishedAt = null)
{
    public const string ReleaseLabel = HoradusLabels.Release;
    public const string ManagedLabel = HoradusLabels.Managed;

    /// <summary>The release recorded by Horadus when it created this container, if it did.</summary>
    public ReleaseStamp? LabelledRelease =>
        Labels.TryGetValue(ReleaseLabel, out var value) && ReleaseStamp.TryParse(value, out var stamp) ? stamp : null;
}
