namespace Horadus.Manifest.Schema;

/// <summary>"did you mean ...?" for misspelt keys and names: the closest candidate by edit distance, if close enough.</summary>
public static class Suggestions
{
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = Math.Max(2, written.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(written.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit && c.Distance < Math.Max(written.Length, c.Candidate.Length))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit (typos like "stmap").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
