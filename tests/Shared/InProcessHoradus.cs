using Horadus.Cli;
using Horadus.Cli.Composition;
using Spectre.Console;

namespace Horadus.Tests.Shared;

/// <summary>What one in-process run of horadus printed and returned.</summary>
internal sealed record CapturedRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the real <c>horadus</c> command line in-process with captured, uncoloured, unwrapped output:
/// the same code path as the binary, minus the process. Shared by the test projects (linked, not copied). Every run is
/// checked by <see cref="LeakScanner"/>: no known secret value in its output or in the files it wrote.
/// </summary>
internal static class InProcessHoradus
{
    public static async Task<CapturedRun> RunAsync(
        string[] args,
        string workingDirectory,
        Func<string, string?> environment,
        CancellationToken cancellationToken,
        TimeProvider? time = null,
        string? input = null,
        bool interactive = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 4096;
        var context = new CliContext
        {
            Out = console,
            Error = error,
            Input = new StringReader(input ?? string.Empty),
            IsInteractive = interactive,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            Time = time ?? TimeProvider.System,
        };
        var watch = LeakScanner.Before(workingDirectory, args);
        var code = await HoradusCli.RunAsync(args, context, cancellationToken);
        var run = new CapturedRun(code, output.ToString(), error.ToString());
        LeakScanner.AssertNoLeak(watch, run.Output, run.Error);
        return run;
    }
}
