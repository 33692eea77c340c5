using System.Diagnostics;
using Horadus.Shared;
using Horadus.Sops.Age;

namespace Horadus.Sops;

/// <summary>
/// Finds age identities the way sops does, collecting from every source that is set (sops tries them all):
/// the caller's explicit key file first, then <c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c>,
/// <c>SOPS_AGE_KEY_CMD</c> and finally <c>$XDG_CONFIG_HOME/sops/age/keys.txt</c>
/// (or <c>$HOME/.config/sops/age/keys.txt</c>).
/// </summary>
public static class SopsKeyDiscovery
{
    /// <summary>Environment variable holding identities inline (several per line allowed).</summary>
    public const string KeyVariable = "SOPS_AGE_KEY";

    /// <summary>Environment variable naming an identity file.</summary>
    public const string KeyFileVariable = "SOPS_AGE_KEY_FILE";

    /// <summary>Environment variable holding a command whose standard output is an identity file.</summary>
    public const string KeyCommandVariable = "SOPS_AGE_KEY_CMD";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Collects identities from all configured sources.</summary>
    /// <param name="explicitKeyFile">An identity file chosen by the caller; read first. A missing or invalid file fails.</param>
    /// <param name="environment">Reads an environment variable (inject for tests), e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="SopsException">With <see cref="SopsErrorKind.KeySourceFailed"/> when the explicit key file cannot be used.</exception>
    public static SopsKeyRing Discover(string? explicitKeyFile, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var identities = new List<AgeIdentity>();
        var sources = new List<string>();
        var problems = new List<string>();

        if (explicitKeyFile is not null)
        {
            var found = ReadFile(explicitKeyFile, "key file", allowSeveralPerLine: false, out var problem);
            if (problem is not null)
            {
                throw new SopsException(SopsErrorKind.KeySourceFailed, problem);
            }

            Add(found!, $"key file ({explicitKeyFile})");
        }

        if (environment(KeyVariable) is { } inline)
        {
            Collect(() => AgeIdentity.ParseFile(inline, allowSeveralPerLine: true), KeyVariable);
        }

        if (environment(KeyFileVariable) is { } keyFile)
        {
            var found = ReadFile(keyFile, KeyFileVariable, allowSeveralPerLine: false, out var problem);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                Add(found!, $"{KeyFileVariable} ({keyFile})");
            }
        }

        if (environment(KeyCommandVariable) is { } command)
        {
            Collect(() => AgeIdentity.ParseFile(RunCommand(command)), KeyCommandVariable);
        }

        if (UserKeysPath(environment) is { } userKeys && File.Exists(userKeys))
        {
            var found = ReadFile(userKeys, "user key file", allowSeveralPerLine: false, out var problem);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                Add(found!, userKeys);
            }
        }

        return new SopsKeyRing(identities, sources, problems);

        void Add(IReadOnlyList<AgeIdentity> found, string source)
        {
            identities.AddRange(found);
            sources.Add($"{source}: {SopsKeyRing.Count(found.Count)}");
        }

        void Collect(Func<IReadOnlyList<AgeIdentity>> load, string source)
        {
            try
            {
                Add(load(), source);
            }
            catch (SopsException exception)
            {
                problems.Add($"{source}: {exception.Message}");
            }
        }
    }

    /// <summary>
    /// The identities of one file and nothing else: for a caller whose explicit choice of key file must win over
    /// whatever the environment holds (no <c>SOPS_AGE_KEY*</c>, no keys.txt is consulted).
    /// </summary>
    /// <exception cref="SopsException">With <see cref="SopsErrorKind.KeySourceFailed"/> when the file cannot be used.</exception>
    public static SopsKeyRing FromKeyFile(string keyFile)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        return Discover(keyFile, _ => null);
    }

    /// <summary><c>$XDG_CONFIG_HOME/sops/age/keys.txt</c>, else <c>$HOME/.config/sops/age/keys.txt</c> (Go's os.UserConfigDir on Unix).</summary>
    public static string? UserKeysPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            configHome = Path.Combine(home, ".config");
        }

        return Path.Combine(configHome, "sops", "age", "keys.txt");
    }

    private static IReadOnlyList<AgeIdentity>? ReadFile(string path, string what, bool allowSeveralPerLine, out string? problem)
    {
        problem = null;
        if (!InputFile.TryReadText(path, InputLimits.AgeKeyFile, out var text, out var readProblem))
        {
            problem = $"failed to open {what} {path}: {readProblem}";
            return null;
        }

        try
        {
            return AgeIdentity.ParseFile(text, allowSeveralPerLine);
        }
        catch (SopsException exception)
        {
            problem = $"failed to parse {what} {path}: {exception.Message}";
            return null;
        }
    }

    /// <summary>The command's standard output, or null (and the command stopped) once it passes <paramref name="limit"/> characters.</summary>
    private static async Task<string?> ReadAtMostAsync(Process process, int limit)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > limit)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>Runs the key command through <c>/bin/sh -c</c>; its standard output is the identity text.</summary>
    private static string RunCommand(string command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        try
        {
            using var process = Process.Start(start) ?? throw new SopsException(SopsErrorKind.KeySourceFailed, "failed to start the key command");
            // Bounded like a key file: a command that prints without end is stopped, not read into memory.
            var output = ReadAtMostAsync(process, InputLimits.AgeKeyFile);
            var errors = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SopsException(SopsErrorKind.KeySourceFailed, "the key command timed out");
            }

            Task.WaitAll(output, errors);
            if (output.Result is null)
            {
                throw new SopsException(SopsErrorKind.KeySourceFailed, $"the key command printed more than {InputLimits.Describe(InputLimits.AgeKeyFile)}, the limit for an identity file");
            }

            return process.ExitCode == 0
                ? output.Result
                : throw new SopsException(SopsErrorKind.KeySourceFailed, $"failed to execute the key command: exit status {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new SopsException(SopsErrorKind.KeySourceFailed, "failed to execute the key command: " + exception.Message);
        }
    }
}
