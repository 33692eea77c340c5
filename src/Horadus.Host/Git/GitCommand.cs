using System.ComponentModel;
using System.Diagnostics;
using Horadus.Core.Ports;

namespace Horadus.Host.Git;

/// <summary>
/// Runs the git CLI: one process per call, with a clean environment so that the host's configuration cannot change
/// what it does (no system or global config, no prompts, ssh in batch mode), with a limit after which the call's whole
/// process tree is killed, and with stderr summarized, credentials removed, for the errors.
/// </summary>
internal sealed class GitCommand(string executable, TimeSpan timeout, TimeProvider time)
{
    private const int SummaryLines = 4;
    private const int SummaryLength = 600;

    /// <summary>A directory that never exists: git's XDG files (attributes, ignore, config) are not read from the host.</summary>
    private const string NoXdgConfig = "/nonexistent/horadus-git-xdg";

    public async Task<GitResult> RunAsync(IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(arguments, workingDirectory) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ManifestSourceException(ManifestSourceProblem.InvalidSettings,
                $"git executable '{executable}' cannot be started ({e.Message}); install git or set the git executable");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).WaitAsync(timeout, time, either.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ManifestSourceException(ManifestSourceProblem.TimedOut,
                $"git {Verb(arguments)} did not finish within {timeout.TotalSeconds:0.#}s and was stopped (its processes killed)");
        }

        return new GitResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs and requires success; a failure becomes <paramref name="problem"/> with git's message.</summary>
    public async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, string? workingDirectory, ManifestSourceProblem problem,
        string doing, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, workingDirectory, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.Output
            : throw new ManifestSourceException(problem, $"{doing} failed (git exit code {result.ExitCode}): {result.ErrorSummary}");
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Only what git needs to find programs and, for ssh transports, the user's keys and agent; nothing that configures git.
        var inherited = new[] { "PATH", "HOME", "SSH_AUTH_SOCK" }
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(pair => pair.value is not null)
            .ToList();
        info.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            info.Environment[name] = value;
        }

        info.Environment.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["XDG_CONFIG_HOME"] = NoXdgConfig;
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        return info;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private static string Verb(IReadOnlyList<string> arguments) =>
        arguments.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)) ?? "";

    /// <summary>The last lines git wrote to stderr, credentials removed, bounded: what an error message carries.</summary>
    internal static string Summarize(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("hint:", StringComparison.Ordinal))
            .TakeLast(SummaryLines);
        var text = CredentialRedactor.Redact(string.Join("; ", lines));
        return text.Length == 0 ? "(no message)" : text.Length <= SummaryLength ? text : text[..SummaryLength] + "...";
    }
}

internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    public string ErrorSummary => GitCommand.Summarize(Error);
}
