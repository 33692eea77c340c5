namespace Horadus.Integration.Tests.Support;

/// <summary>
/// One entry of a <see cref="TreeSnapshot"/>: its path relative to the snapshot's root, its type
/// as find(1) names it (<c>f</c> file, <c>d</c> directory, <c>l</c> symlink, <c>p</c> FIFO, <c>c</c>/<c>b</c> device,
/// <c>s</c> socket), mode, owner, and for a file its size and SHA-256, for a symlink its target. Never content.
/// </summary>
internal sealed record TreeEntry(string Path, char Type, string Mode, int Uid, int Gid, long? Size, string? Digest, string? LinkTarget)
{
    /// <summary>One line: control characters in names are escaped so that a name such as "abc\n" stays on its line.</summary>
    public override string ToString()
    {
        var name = Escape(Path);
        var what = Type switch
        {
            'f' => $"file {Size} B sha256:{Digest}",
            'd' => "dir",
            'l' => "symlink -> " + Escape(LinkTarget ?? ""),
            'p' => "fifo",
            'c' => "char device",
            'b' => "block device",
            's' => "socket",
            _ => $"type {Type}",
        };
        return $"{name}  {Mode} {Uid}:{Gid}  {what}";
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
