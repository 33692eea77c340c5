namespace Horadus.Core.Observed;

public enum EntryType
{
    File,
    Directory,
    Symlink,
    Other,
}
