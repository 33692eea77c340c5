using System.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Host.Git;

namespace Horadus.Git.Tests.Support;

/// <summary>
/// A temp directory holding an upstream repository (with a work tree, committed to through the real git CLI), a cache for
/// the source under test, and ed25519 keys made by ssh-keygen. Everything stays local: paths and file:// URLs only.
/// </summary>
internal sealed class GitWorld : IDisposable
{
    public const string Manifest = GitSourceOptions.DefaultManifestPath;

    public GitWorld()
    {
        Root = Directory.CreateTempSubdirectory("horadus-git-").FullName;
        Upstream = Path.Combine(Root, "upstream");
        Cache = Path.Combine(Root, "cache");
        Run("git", Root, "init", "--quiet", "--initial-branch=main", Upstream);
    }

    public string Root { get; }

    public string Upstream { get; }

    public string Cache { get; }

    /// <summary>Writes <paramref name="content"/> into a file of the upstream and commits it, signed with a key when one is given.</summary>
    public string Commit(string content, string? signingKey = null, string file = Manifest, bool amend = false)
    {
        var path = Path.Combine(Upstream, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Git("add", "--all");
        var arguments = new List<string> { "-c", "user.name=Test", "-c", "user.email=test@example.org" };
        if (signingKey is not null)
        {
            arguments.AddRange(["-c", "gpg.format=ssh", "-c", $"user.signingkey={signingKey}"]);
        }

        arguments.AddRange(["commit", "--quiet", "--allow-empty", "-m", $"set {file}"]);
        if (amend)
        {
            arguments.Add("--amend");
        }

        if (signingKey is not null)
        {
            arguments.Add("-S");
        }

        Git([.. arguments]);
        return Head();
    }

    public string Head(string reference = "HEAD") => Git("rev-parse", reference).Trim();

    public string Git(params string[] arguments) => Run("git", Upstream, arguments);

    /// <summary>A new ed25519 key pair without a passphrase; returns the private key's path (the public one is beside it, .pub).</summary>
    public string NewKey(string name)
    {
        var key = Path.Combine(Root, name);
        Run("ssh-keygen", Root, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key);
        return key;
    }

    public string FingerprintOf(string key) => Run("ssh-keygen", Root, "-l", "-f", key + ".pub").Split(' ')[1];

    /// <summary>An allowed-signers file naming each key's public half under a principal.</summary>
    public string AllowedSigners(params (string Principal, string Key)[] signers)
    {
        var path = Path.Combine(Root, "allowed_signers");
        File.WriteAllLines(path, signers.Select(s => $"{s.Principal} {File.ReadAllText(s.Key + ".pub").Trim()}"));
        return path;
    }

    public GitSourceOptions Options(string reference = "main") => new()
    {
        Repository = Upstream,
        Ref = reference,
        CacheDirectory = Cache,
    };

    public string Read(string path) => File.ReadAllText(path);

    /// <summary>One fetch by a source made for it and disposed after: what a daemon restarted on the same cache does.</summary>
    public async Task<ManifestRevision> FetchOnceAsync(GitSourceOptions? options = null)
    {
        using var source = new GitManifestSource(options ?? Options());
        return await source.FetchAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The revision is that commit, and its manifest, read from the tree, holds that content.</summary>
    public void AssertCheckedOut(ManifestRevision revision, string commit, string manifest)
    {
        Assert.Equal(commit, revision.Commit);
        Assert.Equal(manifest, Read(revision.ManifestPath));
    }

    /// <summary>Runs a program with a clean git environment and returns its stdout; a failure fails the test with its stderr.</summary>
    public static string Run(string program, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is not a test failure.
        }
    }
}
