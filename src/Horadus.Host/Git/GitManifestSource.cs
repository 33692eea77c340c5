using Horadus.Core.Ports;

namespace Horadus.Host.Git;

/// <summary>
/// The manifest from a git repository, for the daemon's cycle: the first fetch clones into the cache, later ones
/// <c>git fetch --prune</c> every branch and tag (a force-pushed branch or a moved tag is followed; a deleted one is a
/// <see cref="ManifestSourceProblem.RefDeleted"/>), resolve the ref to a commit, verify its signature when an
/// allowed-signers file is set, check that the manifest is a regular file of that commit, and only then check the commit
/// out, detached and forced, untracked files removed. A refused commit never reaches the tree: it keeps the last commit
/// accepted.
/// <para>
/// Why the git CLI and not LibGit2Sharp: the CLI verifies SSH signatures (<c>gpg.format=ssh</c>,
/// <c>gpg.ssh.allowedSignersFile</c>), which libgit2 does not; it speaks every transport and credential helper git does
/// (ssh with the host's keys and agent, https, file), and nothing native has to be shipped with horadus. Its
/// environment is cleaned (see <see cref="GitCommand"/>) so that the host's git configuration changes nothing.
/// </para>
/// <para>
/// Why here, in Horadus.Host: like the lock and the history, the cache is state on the machine horadus runs on, and it
/// is guarded by the same flock (<see cref="Posix.Libc"/>); git brings no library whose types must be kept inside a
/// project of their own, as Docker.DotNet does; and the CLI's composition root, where the daemon will be wired, already
/// references this project.
/// </para>
/// </summary>
public sealed class GitManifestSource : IManifestSource
{
    private readonly GitSourceOptions options;
    private readonly GitCommand git;
    private readonly TimeProvider time;
    private readonly string cache;
    private readonly string checkout;
    private readonly string repository;
    private readonly SemaphoreSlim oneFetch = new(1, 1);
    private GitCacheLock? held;
    private bool disposed;

    /// <summary>Takes the settings as they are; every problem of them is refused at once, as <see cref="ManifestSourceProblem.InvalidSettings"/>.</summary>
    public GitManifestSource(GitSourceOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ManifestSourceException(ManifestSourceProblem.InvalidSettings, "git source settings: " + string.Join("; ", problems));
        }

        this.options = options;
        this.time = time ?? TimeProvider.System;
        git = new GitCommand(options.GitExecutable, options.Timeout, this.time);
        cache = Path.GetFullPath(options.CacheDirectory);
        checkout = Path.Combine(cache, "checkout");
        repository = CredentialRedactor.Redact(options.Repository);
    }

    /// <summary>The folder the commits are checked out into (<c>checkout</c> in the cache directory).</summary>
    public string TreePath => checkout;

    public async Task<ManifestRevision> FetchAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await oneFetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            held ??= TakeCache(cancellationToken);
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            var before = await ListRefsAsync(cancellationToken).ConfigureAwait(false);
            await git.RunCheckedAsync(
                ["fetch", "--quiet", "--prune", "--no-tags", "--no-recurse-submodules", "--end-of-options",
                    options.RepositoryArgument, GitRefs.FetchBranches, GitRefs.FetchTags],
                checkout, ManifestSourceProblem.Unreachable, $"fetching {repository}", cancellationToken).ConfigureAwait(false);
            var after = await ListRefsAsync(cancellationToken).ConfigureAwait(false);
            var (reference, commit) = await ResolveAsync(before, after, cancellationToken).ConfigureAwait(false);
            var signature = await VerifyAsync(reference, commit, cancellationToken).ConfigureAwait(false);
            await CheckManifestAsync(reference, commit, cancellationToken).ConfigureAwait(false);
            await git.RunCheckedAsync(["checkout", "--quiet", "--force", "--detach", commit], checkout,
                ManifestSourceProblem.GitFailed, $"checking out commit {commit}", cancellationToken).ConfigureAwait(false);
            await git.RunCheckedAsync(["clean", "-ffdxq"], checkout,
                ManifestSourceProblem.GitFailed, $"cleaning the checkout of {commit}", cancellationToken).ConfigureAwait(false);
            return new ManifestRevision(checkout, Path.Combine(checkout, options.ManifestPath), commit, reference, signature);
        }
        finally
        {
            oneFetch.Release();
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        held?.Dispose();
        held = null;
        oneFetch.Dispose();
    }

    private GitCacheLock TakeCache(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cache, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return GitCacheLock.Acquire(cache, options.Timeout, time, cancellationToken);
    }

    /// <summary>
    /// Makes the cache's repository on first use. Under the cache's lock no other git runs in it, so a <c>*.lock</c> file
    /// found there was left by a git that was killed (a timeout, a crash) and would block every later call: it is removed.
    /// </summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var gitDirectory = Path.Combine(checkout, ".git");
        if (!Directory.Exists(gitDirectory))
        {
            Directory.CreateDirectory(checkout);
            await git.RunCheckedAsync(["init", "--quiet", "--template=", checkout], cache,
                ManifestSourceProblem.GitFailed, $"creating the git cache in {cache}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var objects = Path.Combine(gitDirectory, "objects");
        foreach (var stale in Directory.EnumerateFiles(gitDirectory, "*.lock", SearchOption.AllDirectories)
                     .Where(path => !path.StartsWith(objects, StringComparison.Ordinal)))
        {
            File.Delete(stale);
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ListRefsAsync(CancellationToken cancellationToken) =>
        GitRefs.Parse(await git.RunCheckedAsync(
            ["for-each-ref", "--format=%(refname)%00%(objectname)%00%(*objectname)", GitRefs.BranchPrefix, GitRefs.TagPrefix],
            checkout, ManifestSourceProblem.GitFailed, "listing the fetched refs", cancellationToken).ConfigureAwait(false));

    private async Task<(string Ref, string Commit)> ResolveAsync(IReadOnlyDictionary<string, string> before,
        IReadOnlyDictionary<string, string> after, CancellationToken cancellationToken)
    {
        var wanted = options.Ref;
        var (reference, candidate) = GitRefs.IsCommitId(wanted)
            ? (wanted.ToLowerInvariant(), wanted.ToLowerInvariant())
            : GitRefs.Resolve(wanted, before, after, repository);
        var result = await git.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", candidate + "^{commit}"],
            checkout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? (reference, result.Output.Trim())
            : throw new ManifestSourceException(ManifestSourceProblem.RefNotFound, reference == candidate
                ? $"commit {wanted} is not in any branch or tag of {repository}"
                : $"ref '{wanted}' of {repository} names {candidate}, which is not a commit");
    }

    /// <summary>Accepts only a good signature by a key of the allowed-signers file (git's <c>%G?</c> = <c>G</c>).</summary>
    private async Task<CommitSignature?> VerifyAsync(string reference, string commit, CancellationToken cancellationToken)
    {
        if (options.AllowedSignersFile is null)
        {
            return null;
        }

        var allowed = Path.GetFullPath(options.AllowedSignersFile);
        if (!File.Exists(allowed))
        {
            throw new ManifestSourceException(ManifestSourceProblem.InvalidSettings,
                $"allowed signers file {allowed} does not exist; commit {commit} was not checked and is not applied", commit);
        }

        var output = await git.RunCheckedAsync(
            ["-c", "gpg.format=ssh", "-c", $"gpg.ssh.allowedSignersFile={allowed}",
                "log", "-1", "--no-show-signature", "--format=%G?%x00%GS%x00%GF", commit, "--"],
            checkout, ManifestSourceProblem.GitFailed, $"reading the signature of commit {commit}", cancellationToken).ConfigureAwait(false);
        var fields = output.TrimEnd('\n').Split('\0');
        var (status, principal, key) = (fields[0], fields.ElementAtOrDefault(1) ?? "", fields.ElementAtOrDefault(2) ?? "");
        var what = $"commit {commit} ({reference} of {repository})";
        return status switch
        {
            "G" => new CommitSignature(principal, key),
            "N" => throw new ManifestSourceException(ManifestSourceProblem.Unsigned,
                $"{what} is not signed; only commits signed by a key of {allowed} are applied", commit),
            "U" => throw new ManifestSourceException(ManifestSourceProblem.UnknownSigner,
                $"{what} is signed by key {key}, which {allowed} does not list; it is not applied", commit),
            _ => throw new ManifestSourceException(ManifestSourceProblem.BadSignature,
                $"{what} has a signature that does not verify ({Describe(status)}); it is not applied", commit),
        };
    }

    private static string Describe(string status) => status switch
    {
        "B" => "bad signature",
        "X" => "the signature has expired",
        "Y" => "signed by an expired key",
        "R" => "signed by a revoked key",
        "E" => "it cannot be checked: not an SSH signature, or ssh-keygen (openssh-client) is missing",
        _ => $"git status '{status}'",
    };

    /// <summary>The manifest must be a regular file of the commit: not missing, not a folder, not a link out of the tree.</summary>
    private async Task CheckManifestAsync(string reference, string commit, CancellationToken cancellationToken)
    {
        var path = options.ManifestPath;
        var entry = await git.RunCheckedAsync(["ls-tree", "-z", "--full-tree", commit, "--", path], checkout,
            ManifestSourceProblem.GitFailed, $"reading the tree of commit {commit}", cancellationToken).ConfigureAwait(false);
        var mode = entry.Split(' ', 2)[0];
        var problem = mode switch
        {
            "" => "has no such file",
            "100644" or "100755" => null,
            "120000" => "has it as a symbolic link; the manifest must be a regular file",
            "040000" => "has it as a folder, not a file",
            _ => "has it as something other than a regular file",
        };
        if (problem is not null)
        {
            throw new ManifestSourceException(ManifestSourceProblem.ManifestNotFound,
                $"manifest path '{path}': commit {commit} ({reference} of {repository}) {problem}", commit);
        }
    }
}
