namespace Horadus.Core.History;

public enum ApplyKind
{
    Apply,
    Rollback,
}
