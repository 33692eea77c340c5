using Horadus.Core.Desired;

namespace Horadus.Core.Observed;

/// <summary>Owner and mode of one filesystem entry, as stat reports it.</summary>
public sealed record EntryAttributes(int Uid, int Gid, PermissionMode Mode)
{
    public override string ToString() => $"{Mode} {Uid}:{Gid}";
}
