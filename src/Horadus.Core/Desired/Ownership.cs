namespace Horadus.Core.Desired;

/// <summary>Owner of everything Horadus writes under the secrets root.</summary>
public readonly record struct Ownership(int Uid, int Gid)
{
    public override string ToString() => $"{Uid}:{Gid}";
}
