namespace Horadus.Sops;

/// <summary>A node of a SOPS tree: <see cref="SopsMapping"/>, <see cref="SopsSequence"/>, <see cref="SopsScalar"/> or <see cref="SopsComment"/>.</summary>
public abstract class SopsNode
{
    private protected SopsNode()
    {
    }
}

/// <summary>A comment line (YAML <c>#</c>, INI <c>;</c>/<c>#</c>, dotenv <c>#</c>), decrypted when it was encrypted.</summary>
public sealed class SopsComment(string text) : SopsNode
{
    /// <summary>The comment text without its comment character.</summary>
    public string Text { get; } = text;

    /// <summary>Does not show the text: decrypted comments may be confidential.</summary>
    public override string ToString() => "SopsComment";
}

/// <summary>One item of a mapping: a key with its value, or a comment (then <see cref="Key"/> is null).</summary>
public readonly record struct SopsMappingItem(string? Key, SopsNode Value)
{
    /// <summary>True when the item is a comment line rather than a key.</summary>
    public bool IsComment => Key is null;
}

/// <summary>An ordered mapping (keys keep file order; comments keep their place).</summary>
public sealed class SopsMapping(IReadOnlyList<SopsMappingItem> items) : SopsNode
{
    /// <summary>Keys, values and comments in file order.</summary>
    public IReadOnlyList<SopsMappingItem> Items { get; } = items;

    /// <summary>The key/value items only.</summary>
    public IEnumerable<(string Key, SopsNode Value)> Entries =>
        Items.Where(item => !item.IsComment).Select(item => (item.Key!, item.Value));

    /// <summary>The value of the first item with this key, or null.</summary>
    public SopsNode? this[string key] => Items.FirstOrDefault(item => item.Key == key).Value;
}

/// <summary>An ordered list; its items may include comments.</summary>
public sealed class SopsSequence(IReadOnlyList<SopsNode> items) : SopsNode
{
    /// <summary>Values and comments in file order.</summary>
    public IReadOnlyList<SopsNode> Items { get; } = items;
}
