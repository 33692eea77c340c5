using Horadus.Core.Desired;

namespace Horadus.Core.Observed;

/// <summary>One file inside a release directory. The digest is of its content; the content itself is never kept.</summary>
/// <param name="Links">
/// Its hard-link count. Horadus writes every file with one link; more means the inode has another name, perhaps
/// outside the root, and changing its owner or mode would change that file too.
/// </param>
public sealed record ObservedFile(string Name, EntryType Type, long Size, ContentDigest? Digest, EntryAttributes Attributes, int Links = 1)
{
    /// <summary>A regular file with a single link: the only kind of entry whose owner and mode Horadus may repair.</summary>
    public bool IsOwnInode => Type == EntryType.File && Links == 1;
}
