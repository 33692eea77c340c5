namespace Horadus.Core.Swarm;

/// <summary>One secret reference of a service spec: which secret, and the file it becomes in the tasks.</summary>
/// <param name="TargetName">The file's name in the task; an absolute path puts it under the service's mount path.</param>
public sealed record SwarmSecretReference(string SecretId, string SecretName, string TargetName, uint Uid, uint Gid, uint Mode);
