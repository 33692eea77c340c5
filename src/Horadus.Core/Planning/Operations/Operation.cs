using System.Text.Json.Serialization;

namespace Horadus.Core.Planning;

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
[JsonDerivedType(typeof(ReloadService), "reload-service")]
[JsonDerivedType(typeof(ConfirmRelease), "confirm-release")]
[JsonDerivedType(typeof(RestoreSetAside), "restore-set-aside")]
[JsonDerivedType(typeof(RemoveSetAside), "remove-set-aside")]
[JsonDerivedType(typeof(CreateSwarmSecret), "create-swarm-secret")]
[JsonDerivedType(typeof(UpdateSwarmService), "update-swarm-service")]
[JsonDerivedType(typeof(RollbackSwarmService), "rollback-swarm-service")]
[JsonDerivedType(typeof(RemoveSwarmSecret), "remove-swarm-secret")]
public abstract record Operation;
