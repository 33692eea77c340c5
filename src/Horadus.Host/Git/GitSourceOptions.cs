namespace Horadus.Host.Git;

/// <summary>
/// Where the daemon's manifest lives in git. Plain data, checked once by <see cref="Validate"/>, which lists every
/// problem together.
/// </summary>
public sealed record GitSourceOptions
{
    public const string DefaultManifestPath = "horadus.desired.yaml";

    /// <summary>Flux's default for a git operation.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A local path or any URL git supports (<c>https://</c>, <c>ssh://</c>, <c>git@host:path</c>, <c>file://</c>).</summary>
    public required string Repository { get; init; }

    /// <summary>A branch (<c>main</c> or <c>refs/heads/main</c>), a tag (<c>v1</c> or <c>refs/tags/v1</c>) or a full commit SHA.</summary>
    public required string Ref { get; init; }

    /// <summary>The manifest's path inside the repository, relative, with <c>/</c> between folders.</summary>
    public string ManifestPath { get; init; } = DefaultManifestPath;

    /// <summary>Where the clone is kept between fetches; one process uses it at a time (an flock on <c>lock</c> inside).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The limit of every git call (and of the wait for the cache's lock); past it the call's process tree is killed.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// An allowed-signers file (<c>ssh-keygen</c>'s format: <c>principal key-type key</c> per line). When set, only a commit
    /// signed with git's SSH signatures by one of its keys is accepted; unsigned or unknown is refused.
    /// </summary>
    public string? AllowedSignersFile { get; init; }

    /// <summary>The git program: <c>git</c> from PATH unless a path is given (tests point it at a stand-in that hangs).</summary>
    public string GitExecutable { get; init; } = "git";

    /// <summary>Every problem of these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Repository))
        {
            problems.Add("repository: required (a local path or a URL)");
        }
        else if (Repository.StartsWith('-') || Repository.Any(char.IsControl))
        {
            problems.Add($"repository: '{CredentialRedactor.Redact(Repository)}' is not a path or a URL");
        }

        if (string.IsNullOrWhiteSpace(Ref))
        {
            problems.Add("ref: required (a branch, a tag or a full commit SHA)");
        }
        else if (Ref.StartsWith('-') || Ref.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || Ref.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"ref: '{Ref}' is not a branch, tag or commit name");
        }

        if (ManifestPathProblem(ManifestPath) is { } pathProblem)
        {
            problems.Add($"manifest path: {pathProblem}");
        }

        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            problems.Add("cache directory: required");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"timeout: must be positive, not {Timeout}");
        }

        if (AllowedSignersFile is not null && string.IsNullOrWhiteSpace(AllowedSignersFile))
        {
            problems.Add("allowed signers file: empty; leave it out to turn verification off");
        }

        if (string.IsNullOrWhiteSpace(GitExecutable))
        {
            problems.Add("git executable: empty");
        }

        return problems;
    }

    /// <summary>Whether the repository is a URL (scheme or scp-like <c>host:path</c>) rather than a local path.</summary>
    internal bool RepositoryIsUrl =>
        Repository.Contains("://", StringComparison.Ordinal) ||
        (Repository.IndexOf(':') is > 0 and var colon && !Repository[..colon].Contains('/'));

    /// <summary>What git is given: a URL as written, a local path made absolute (the cache's working directory differs).</summary>
    internal string RepositoryArgument => RepositoryIsUrl ? Repository : Path.GetFullPath(Repository);

    private static string? ManifestPathProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "required";
        }

        if (path.StartsWith('/') || path.Contains('\\') || path.Any(char.IsControl))
        {
            return $"'{path}' must be relative to the repository's root, with / between folders";
        }

        var segments = path.Split('/');
        return segments.Any(s => s is "" or "." or "..") || segments[0] == ".git"
            ? $"'{path}' must name a file inside the repository (no empty, '.' or '..' parts, not in .git)"
            : null;
    }
}
