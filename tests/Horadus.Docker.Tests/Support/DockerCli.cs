using System.Diagnostics;

namespace Horadus.Docker.Tests.Support;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Trimmed => Stdout.Trim();
}

/// <summary>Runs the docker (and docker-compose) CLI: the independent channel the tests assert through.</summary>
public static class DockerCli
{
    public static Task<CliResult> DockerAsync(params string[] args) => RunAsync("docker", args);

    /// <summary>Runs a command and fails the test when it exits non-zero.</summary>
    public static async Task<string> DockerOkAsync(params string[] args)
    {
        var result = await DockerAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result.Trimmed;
    }

    public static async Task<CliResult> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
