using System.Text;

namespace Horadus.Sops.Stores;

/// <summary>
/// INI parsing as sops does it with go-ini: sections become mappings of string values; comment lines
/// (";" or "#") attach to the next section or key; inline comments after ";" or "#" are cut off; values
/// surrounded by matching quotes are unquoted. Keys before any section go to "DEFAULT" (dropped when empty).
/// </summary>
internal static class IniStoreReader
{
    private const string DefaultSection = "DEFAULT";

    public static SopsMapping Load(ReadOnlySpan<byte> bytes)
    {
        var sections = new List<Section> { new(DefaultSection, null) };
        var pendingComment = new StringBuilder();
        foreach (var rawLine in Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ';' or '#')
            {
                if (pendingComment.Length > 0)
                {
                    pendingComment.Append('\n');
                }

                pendingComment.Append(line);
                continue;
            }

            if (line[0] == '[')
            {
                var close = line.LastIndexOf(']');
                if (close < 1)
                {
                    throw SopsException.Malformed("Could not unmarshal input data: unclosed section");
                }

                sections.Add(new Section(line[1..close].Trim(), TakeComment(pendingComment)));
                continue;
            }

            var delimiter = line.IndexOfAny(['=', ':']);
            if (delimiter < 0)
            {
                throw SopsException.Malformed("Could not unmarshal input data: key-value delimiter not found");
            }

            var key = line[..delimiter].Trim();
            var value = ReadValue(line[(delimiter + 1)..].Trim(), pendingComment);
            sections[^1].Set(key, value, TakeComment(pendingComment));
        }

        var items = sections
            .Where(section => section.Name != DefaultSection || !section.IsEmpty)
            .Select(section => new SopsMappingItem(section.Name, section.ToMapping()))
            .ToList();
        return new SopsMapping(items);
    }

    private static string ReadValue(string value, StringBuilder comment)
    {
        if (value.StartsWith("\"\"\"", StringComparison.Ordinal) && value.Length >= 6 && value.EndsWith("\"\"\"", StringComparison.Ordinal))
        {
            return value[3..^3];
        }

        if (value.Length >= 2 && value[0] == '`' && value[^1] == '`')
        {
            return value[1..^1];
        }

        var inline = value.IndexOfAny([';', '#']);
        if (inline >= 0)
        {
            if (comment.Length > 0)
            {
                comment.Append('\n');
            }

            comment.Append(value[inline..]);
            value = value[..inline].Trim();
        }

        return value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }

    private static string? TakeComment(StringBuilder comment)
    {
        if (comment.Length == 0)
        {
            return null;
        }

        var text = comment.ToString();
        comment.Clear();
        // sops strips the leading comment characters and spaces (strings.TrimLeft(comment, "; ") or "# ").
        return text[0] == ';' ? text.TrimStart(';', ' ') : text.TrimStart('#', ' ');
    }

    private sealed class Section(string name, string? comment)
    {
        private readonly List<(string Key, string Value, string? Comment)> _keys = [];

        public string Name { get; } = name;

        public bool IsEmpty => _keys.Count == 0 && comment is null;

        public void Set(string key, string value, string? keyComment)
        {
            var index = _keys.FindIndex(entry => entry.Key == key);
            if (index >= 0)
            {
                _keys[index] = (key, value, keyComment ?? _keys[index].Comment);
            }
            else
            {
                _keys.Add((key, value, keyComment));
            }
        }

        public SopsMapping ToMapping()
        {
            var items = new List<SopsMappingItem>();
            if (comment is not null)
            {
                items.Add(new SopsMappingItem(null, new SopsComment(comment)));
            }

            foreach (var (key, value, keyComment) in _keys)
            {
                items.Add(new SopsMappingItem(key, SopsScalar.FromString(value)));
                if (keyComment is not null)
                {
                    items.Add(new SopsMappingItem(null, new SopsComment(keyComment)));
                }
            }

            return new SopsMapping(items);
        }
    }
}
