using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

/// <summary>chown/chmod one entry, addressed relative to the secrets root.</summary>
public sealed record SetAttributes(string RelativePath, int Uid, int Gid, PermissionMode Mode) : Operation;
