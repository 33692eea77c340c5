using System.Text.Json.Serialization;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Core.Planning;

/// <summary>Terraform's markers: + create, ~ update in place, - delete, -/+ replace.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeAction>))]
public enum ChangeAction
{
    Create,
    Update,
    Delete,
    Replace,

    /// <summary>Changes nothing on the host, but the run depends on it: a pre-flight, a health gate, a verdict to record.</summary>
    Check,
}

/// <summary>What a plan is for: converging on the manifest, or going back to an earlier release.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanKind>))]
public enum PlanKind
{
    Apply,
    Rollback,
}

/// <summary>
/// What one change does, as data the executor carries out. The planner decides; the executor only performs.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(CreateRelease), "create-release")]
[JsonDerivedType(typeof(SetAttributes), "set-attributes")]
[JsonDerivedType(typeof(SwitchCurrent), "switch-current")]
[JsonDerivedType(typeof(DeleteRelease), "delete-release")]
[JsonDerivedType(typeof(DeleteStaging), "delete-staging")]
[JsonDerivedType(typeof(RecreateService), "recreate-service")]
[JsonDerivedType(typeof(RunPreflight), "run-preflight")]
[JsonDerivedType(typeof(VerifyService), "verify-service")]
[JsonDerivedType(typeof(ConfirmRelease), "confirm-release")]
[JsonDerivedType(typeof(RestoreSetAside), "restore-set-aside")]
[JsonDerivedType(typeof(RemoveSetAside), "remove-set-aside")]
public abstract record Operation;

/// <summary>Write a whole release: staging directory, files with final mode and owner, fsync, rename.</summary>
public sealed record CreateRelease(ReleaseStamp Stamp, IReadOnlyList<string> Files) : Operation;

/// <summary>chown/chmod one entry, addressed relative to the secrets root.</summary>
public sealed record SetAttributes(string RelativePath, int Uid, int Gid, PermissionMode Mode) : Operation;

public sealed record SwitchCurrent(ReleaseStamp? From, ReleaseStamp To) : Operation;

public sealed record DeleteRelease(ReleaseStamp Stamp) : Operation;

public sealed record DeleteStaging(string Name) : Operation;

/// <summary>Replace a service's containers with new ones on the release <c>current</c> names, then gate on health.</summary>
public sealed record RecreateService(string Service, IReadOnlyList<string> ContainerIds, int Wave) : Operation;

/// <summary>The runbook's pre-flight: a one-off container like the service's, with the new release mounted, before <c>current</c> moves.</summary>
public sealed record RunPreflight(string Service, ReleaseStamp Stamp) : Operation;

/// <summary>Gate containers that already run the target release but were never proven on it (an apply died before its verdict).</summary>
public sealed record VerifyService(string Service, IReadOnlyList<string> ContainerIds, int Wave) : Operation;

/// <summary>Record a live release that has nothing to gate (no service, or services not started yet) as proven.</summary>
public sealed record ConfirmRelease(ReleaseStamp Stamp) : Operation;

/// <summary>
/// Bring back an old container an unfinished apply set aside: remove its replacement (if any), give it its name back,
/// start it (it mounts what <c>current</c> names then), and gate on it.
/// </summary>
public sealed record RestoreSetAside(string Service, string ContainerId, string AsideName, string OriginalName, string? ReplacementId) : Operation;

/// <summary>Remove an old container set aside whose replacement runs the proven release.</summary>
public sealed record RemoveSetAside(string Service, string ContainerId, string AsideName) : Operation;

/// <summary>
/// One change: an action on an address, what it looks like before and after (fingerprints, never values),
/// and the reason, which exists only to explain the change to a person.
/// </summary>
public sealed record Change(
    ChangeAction Action,
    string Address,
    string? Before,
    string? After,
    string Reason,
    Operation Operation,
    IReadOnlyList<Change>? Details = null);

/// <summary>
/// A plan: the ordered changes that take the observed host to the desired state, the problems found on the way,
/// and the facts it was computed from so that a saved plan can tell when the host moved.
/// </summary>
/// <param name="Stamp">The manifest's release.</param>
/// <param name="Target">The release the plan leaves live: the manifest's, or the last good one when the manifest's failed before.</param>
/// <param name="ByOperator">A person asked for this target by name (--retry-failed, rollback --to): it may be a release that failed.</param>
public sealed record Plan(
    string SecretsRoot,
    ReleaseStamp Stamp,
    IReadOnlyList<Change> Changes,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> ObservedFacts,
    IReadOnlyList<string> DesiredFacts,
    ReleaseStamp? Target = null,
    PlanKind Kind = PlanKind.Apply,
    bool ByOperator = false)
{
    [JsonIgnore]
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    [JsonIgnore]
    public bool IsEmpty => Changes.Count == 0;

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);
}
