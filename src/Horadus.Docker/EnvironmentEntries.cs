namespace Horadus.Docker;

/// <summary>Docker's <c>NAME=value</c> environment entries. Values are read here and dropped: only names and <c>*_FILE</c> paths leave.</summary>
internal static class EnvironmentEntries
{
    public const string FileSuffix = "_FILE";

    public static (string Name, string Value) Split(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (entry, string.Empty) : (entry[..equals], entry[(equals + 1)..]);
    }

    public static Dictionary<string, string> FileVariables(IEnumerable<string>? env)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in (env ?? []).Select(Split))
        {
            if (name.EndsWith(FileSuffix, StringComparison.Ordinal))
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Names from <paramref name="secretVariables"/> set to a non-empty value; the values themselves are not kept.</summary>
    public static List<string> RawSecretNames(IEnumerable<string>? env, IReadOnlyCollection<string> secretVariables)
    {
        var wanted = secretVariables.ToHashSet(StringComparer.Ordinal);
        return (env ?? [])
            .Select(Split)
            .Where(e => wanted.Contains(e.Name) && e.Value.Length > 0)
            .Select(e => e.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The old entries in their order, with <paramref name="overrides"/> replacing or appended.</summary>
    public static List<string> WithOverrides(IEnumerable<string>? env, IReadOnlyDictionary<string, string> overrides)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var entry in env ?? [])
        {
            var (name, _) = Split(entry);
            if (overrides.TryGetValue(name, out var value))
            {
                result.Add($"{name}={value}");
                seen.Add(name);
            }
            else
            {
                result.Add(entry);
            }
        }

        result.AddRange(overrides.Where(o => !seen.Contains(o.Key)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
        return result;
    }

    /// <summary>Values worth scrubbing from daemon messages (short ones would only garble the text).</summary>
    public static IEnumerable<string> Values(IEnumerable<string>? env) =>
        (env ?? []).Select(e => Split(e).Value).Where(v => v.Length >= 4);
}
