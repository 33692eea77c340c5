namespace Horadus.Manifest.Yaml;

/// <summary>
/// Where each JSON value came from in the YAML text, by JSON pointer ("/services/api/mount_path"):
/// the value's own position, and for object members the key's position (unknown keys are reported there).
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, TextPosition> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TextPosition> _keys = new(StringComparer.Ordinal);

    public void AddValue(string pointer, TextPosition position) => _values[pointer] = position;

    public void AddKey(string pointer, TextPosition position) => _keys[pointer] = position;

    /// <summary>The value's position; for a pointer that does not exist, the closest existing parent's.</summary>
    public TextPosition ValueAt(string pointer)
    {
        for (var current = pointer; ; current = Parent(current))
        {
            if (_values.TryGetValue(current, out var position))
            {
                return position;
            }

            if (current.Length == 0)
            {
                return new TextPosition(1, 1);
            }
        }
    }

    /// <summary>The key's position for an object member, else the value's.</summary>
    public TextPosition KeyAt(string pointer) => _keys.TryGetValue(pointer, out var position) ? position : ValueAt(pointer);

    private static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }
}
