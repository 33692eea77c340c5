using Horadus.Core.Ports;

namespace Horadus.Host.Git;

/// <summary>
/// How a configured ref is found among the refs fetched into the cache: branches are kept as
/// <c>refs/remotes/origin/NAME</c>, tags as <c>refs/tags/NAME</c>, each mapped to the commit it names (tags peeled).
/// A bare name that is both a branch and a tag is refused rather than guessed; a ref that was there before the fetch
/// and is gone after it was deleted upstream.
/// </summary>
internal static class GitRefs
{
    public const string BranchPrefix = "refs/remotes/origin/";
    public const string TagPrefix = "refs/tags/";
    public const string FetchBranches = "+refs/heads/*:" + BranchPrefix + "*";
    public const string FetchTags = "+refs/tags/*:" + TagPrefix + "*";

    /// <summary>A full commit id (SHA-1 or SHA-256, either case), never a name: abbreviations are not taken as commits.</summary>
    public static bool IsCommitId(string wanted) => wanted.Length is 40 or 64 && wanted.All(char.IsAsciiHexDigit);

    /// <summary>Parses <c>git for-each-ref --format=%(refname)%00%(objectname)%00%(*objectname)</c>.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string forEachRef)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in forEachRef.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\0');
            if (fields.Length == 3)
            {
                refs[fields[0]] = fields[2].Length > 0 ? fields[2] : fields[1];
            }
        }

        return refs;
    }

    /// <summary>The ref as upstream names it (<c>refs/heads/main</c>) and its commit; a typed refusal when there is none.</summary>
    public static (string Ref, string Commit) Resolve(string wanted, IReadOnlyDictionary<string, string> before,
        IReadOnlyDictionary<string, string> after, string repository)
    {
        var candidates = Candidates(wanted);
        var found = candidates.Where(c => after.ContainsKey(c.Local)).ToList();
        if (found.Count == 1)
        {
            return (found[0].Upstream, after[found[0].Local]);
        }

        if (found.Count > 1)
        {
            throw new ManifestSourceException(ManifestSourceProblem.AmbiguousRef,
                $"ref '{wanted}' is both a branch and a tag of {repository}; write refs/heads/{wanted} or refs/tags/{wanted}");
        }

        var deleted = candidates.FirstOrDefault(c => before.ContainsKey(c.Local));
        if (deleted.Local is not null)
        {
            var kind = deleted.Local.StartsWith(TagPrefix, StringComparison.Ordinal) ? "tag" : "branch";
            throw new ManifestSourceException(ManifestSourceProblem.RefDeleted,
                $"{kind} '{wanted}' was deleted from {repository} (it was at commit {before[deleted.Local]}); set another ref");
        }

        throw new ManifestSourceException(ManifestSourceProblem.RefNotFound,
            $"ref '{wanted}' is not a branch or tag of {repository} (a commit must be given as its full SHA)");
    }

    private static List<(string Upstream, string Local)> Candidates(string wanted)
    {
        const string heads = "refs/heads/";
        if (wanted.StartsWith(heads, StringComparison.Ordinal))
        {
            return [(wanted, BranchPrefix + wanted[heads.Length..])];
        }

        if (wanted.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return [(wanted, wanted)];
        }

        return [(heads + wanted, BranchPrefix + wanted), (TagPrefix + wanted, TagPrefix + wanted)];
    }
}
