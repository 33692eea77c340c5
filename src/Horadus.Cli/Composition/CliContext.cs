using Spectre.Console;

namespace Horadus.Cli.Composition;

/// <summary>
/// Everything a command touches outside itself: consoles, input, environment, clock, working directory.
/// Tests build one with captured writers; the real one wraps the process.
/// </summary>
public sealed class CliContext
{
    public required IAnsiConsole Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader Input { get; init; }

    /// <summary>True when a person can answer a prompt (stdin and stdout are a terminal).</summary>
    public required bool IsInteractive { get; init; }

    public required Func<string, string?> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Set by a command for which SIGTERM/SIGINT is the normal way to end (the daemon): no "interrupted" exit code.</summary>
    public bool StopsOnSignal { get; set; }

    public static CliContext ForProcess()
    {
        var noColor = !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
        var piped = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = noColor || piped ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || piped ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = piped ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (piped)
        {
            // Piped output is read by programs and logs: never wrap it.
            console.Profile.Width = 4096;
        }

        return new CliContext
        {
            Out = console,
            Error = Console.Error,
            Input = Console.In,
            IsInteractive = !Console.IsInputRedirected && !piped,
            Environment = System.Environment.GetEnvironmentVariable,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
    }
}
