using System.Globalization;

namespace Horadus.Sops.Metadata;

/// <summary>
/// sops's flattened metadata keys for dotenv and INI (<c>age__list_0__map_enc</c>): <c>__map_</c> enters a
/// mapping key, <c>__list_N</c> a list index.
/// </summary>
internal static class MetadataFlattening
{
    private const string MapSeparator = "__map_";
    private const string ListSeparator = "__list_";

    public static SopsMapping Unflatten(IEnumerable<(string Key, SopsNode Value)> items)
    {
        var root = new Slot();
        foreach (var (key, value) in items)
        {
            var slot = root;
            foreach (var token in Tokenize(key))
            {
                slot = token is int index ? slot.Index(index) : slot.Child((string)token);
            }

            if (slot.Value is not null)
            {
                throw SopsException.Malformed($"Error while unflattening \"{key}\": Duplicate value");
            }

            slot.Value = value;
        }

        return root.Build() as SopsMapping ?? throw SopsException.Malformed("Internal error: cannot find root");
    }

    public static IEnumerable<(string Key, SopsNode Value)> Flatten(SopsMapping mapping, string prefix)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            foreach (var pair in FlattenValue(value, prefix + key))
            {
                yield return pair;
            }
        }
    }

    private static IEnumerable<(string Key, SopsNode Value)> FlattenValue(SopsNode value, string path)
    {
        switch (value)
        {
            case SopsMapping mapping:
                foreach (var (key, child) in mapping.Entries)
                {
                    foreach (var pair in FlattenValue(child, path + MapSeparator + key))
                    {
                        yield return pair;
                    }
                }

                break;
            case SopsSequence sequence:
                var index = 0;
                foreach (var item in sequence.Items.Where(item => item is not SopsComment))
                {
                    foreach (var pair in FlattenValue(item, path + ListSeparator + index.ToString(CultureInfo.InvariantCulture)))
                    {
                        yield return pair;
                    }

                    index++;
                }

                break;
            default:
                yield return (path, value);
                break;
        }
    }

    private static List<object> Tokenize(string path)
    {
        var tokens = new List<object>();
        var state = 0; // 0 = plain key, 1 = map key, 2 = list index
        var start = 0;
        var i = 0;
        void Finish()
        {
            tokens.Add(state switch
            {
                1 => path[(start + MapSeparator.Length)..i],
                2 => int.TryParse(path[(start + ListSeparator.Length)..i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
                _ => path[start..i],
            });
            start = i;
        }

        while (i < path.Length)
        {
            if (string.CompareOrdinal(path, i, MapSeparator, 0, MapSeparator.Length) == 0)
            {
                Finish();
                state = 1;
                i += MapSeparator.Length;
            }
            else if (string.CompareOrdinal(path, i, ListSeparator, 0, ListSeparator.Length) == 0)
            {
                Finish();
                state = 2;
                i += ListSeparator.Length;
            }
            else
            {
                i++;
            }
        }

        Finish();
        return tokens;
    }

    private sealed class Slot
    {
        private readonly SortedDictionary<string, Slot> _children = new(StringComparer.Ordinal);
        private readonly SortedDictionary<int, Slot> _indices = [];

        public SopsNode? Value { get; set; }

        public Slot Child(string key) => _children.TryGetValue(key, out var slot) ? slot : _children[key] = new Slot();

        public Slot Index(int index) => _indices.TryGetValue(index, out var slot) ? slot : _indices[index] = new Slot();

        public SopsNode Build()
        {
            var kinds = (Value is null ? 0 : 1) + (_children.Count == 0 ? 0 : 1) + (_indices.Count == 0 ? 0 : 1);
            if (kinds > 1)
            {
                throw SopsException.Malformed("Error while unflattening: Type mismatch");
            }

            if (Value is not null)
            {
                return Value;
            }

            if (_indices.Count > 0)
            {
                if (_indices.Keys.First() != 0 || _indices.Keys.Last() + 1 != _indices.Count)
                {
                    throw SopsException.Malformed("Error while unflattening: Incomplete list");
                }

                return new SopsSequence(_indices.Values.Select(slot => slot.Build()).ToList());
            }

            // sops rebuilds mappings with sorted keys.
            return new SopsMapping(_children.Select(pair => new SopsMappingItem(pair.Key, pair.Value.Build())).ToList());
        }
    }
}
