using System.Diagnostics;

namespace Horadus.Integration.Tests.Support;

/// <summary>Runs the real horadus binary as its own process, for what only processes show: locks across processes, kill -9.</summary>
internal static class HoradusProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "horadus.dll");

    public static Process Start(Sandbox sandbox, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            WorkingDirectory = sandbox.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }

    public static async Task<CliResult> RunAsync(Sandbox sandbox, TimeSpan timeout, params string[] args)
    {
        using var process = Start(sandbox, args);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
