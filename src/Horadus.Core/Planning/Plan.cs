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
}

/// <summary>
/// What one change does, as data the executor carries out. The planner decides; the executor only performs.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(CreateRoot), "create-root")]
[JsonDerivedType(typeof(CreateRelease), "create-release")]
[JsonDerivedType(typeof(SetAttributes), "set-attributes")]
[JsonDerivedType(typeof(SwitchCurrent), "switch-current")]
[JsonDerivedType(typeof(DeleteRelease), "delete-release")]
[JsonDerivedType(typeof(DeleteStaging), "delete-staging")]
[JsonDerivedType(typeof(RecreateService), "recreate-service")]
public abstract record Operation;

public sealed record CreateRoot(PermissionMode Mode) : Operation;

/// <summary>Write a whole release: staging directory, files with final mode and owner, fsync, rename.</summary>
public sealed record CreateRelease(ReleaseStamp Stamp, IReadOnlyList<string> Files) : Operation;

/// <summary>chown/chmod one entry, addressed relative to the secrets root.</summary>
public sealed record SetAttributes(string RelativePath, int Uid, int Gid, PermissionMode Mode) : Operation;

public sealed record SwitchCurrent(ReleaseStamp? From, ReleaseStamp To) : Operation;

public sealed record DeleteRelease(ReleaseStamp Stamp) : Operation;

public sealed record DeleteStaging(string Name) : Operation;

/// <summary>Replace a service's containers with new ones on the release <c>current</c> names, then gate on health.</summary>
public sealed record RecreateService(string Service, IReadOnlyList<string> ContainerIds, int Wave) : Operation;

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
public sealed record Plan(
    string SecretsRoot,
    ReleaseStamp Stamp,
    IReadOnlyList<Change> Changes,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> ObservedFacts,
    IReadOnlyList<string> DesiredFacts)
{
    [JsonIgnore]
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    [JsonIgnore]
    public bool IsEmpty => Changes.Count == 0;

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);
}
