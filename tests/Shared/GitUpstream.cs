using System.Diagnostics;

namespace Horadus.Tests.Shared;

/// <summary>
/// A local git repository with a work tree, committed to through the real git CLI with no global or system config:
/// the upstream a <c>horadus watch --git-repository</c> fetches from (a path, never the network).
/// </summary>
internal sealed class GitUpstream
{
    public GitUpstream(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Git("init", "--quiet", "--initial-branch=main", ".");
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="file"/>, commits it (SSH-signed with <paramref name="signingKey"/> when given) and returns the commit.</summary>
    public string Commit(string file, string content, string? signingKey = null)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), content);
        Git("add", "--all");
        List<string> arguments = ["-c", "user.name=Test", "-c", "user.email=test@example.org"];
        if (signingKey is not null)
        {
            arguments.AddRange(["-c", "gpg.format=ssh", "-c", $"user.signingkey={signingKey}"]);
        }

        arguments.AddRange(["commit", "--quiet", "--allow-empty", "-m", $"set {file}"]);
        if (signingKey is not null)
        {
            arguments.Add("-S");
        }

        Git([.. arguments]);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>A new ed25519 key without a passphrase beside the repository, and an allowed-signers file naming it; returns both paths.</summary>
    public (string Key, string AllowedSigners) NewSigner(string principal)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var key = System.IO.Path.Combine(folder, principal + "_ed25519");
        Run("ssh-keygen", folder, "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", key);
        var signers = System.IO.Path.Combine(folder, "allowed_signers");
        File.WriteAllText(signers, $"{principal} {File.ReadAllText(key + ".pub").Trim()}\n");
        return (key, signers);
    }

    public string Git(params string[] arguments) => Run("git", Path, arguments);

    private static string Run(string program, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within 30 s");
        }

        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
    }
}
