namespace Horadus.Manifest.Reading;

/// <summary>Records which keys the loader actually asked for, per object; tests compare it with the schema.</summary>
internal sealed class KeyUsage
{
    private readonly Dictionary<string, SortedSet<string>> _read = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SortedSet<string>> Read => _read;

    public void Record(string shape, string key)
    {
        if (!_read.TryGetValue(shape, out var keys))
        {
            _read[shape] = keys = new SortedSet<string>(StringComparer.Ordinal);
        }

        keys.Add(key);
    }
}
