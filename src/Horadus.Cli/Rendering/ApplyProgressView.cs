using System.Globalization;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Spectre.Console;

namespace Horadus.Cli.Rendering;

/// <summary>
/// Apply progress as lines: one when a change starts and ends, and notes while waiting. Plain output (pipes, logs, CI)
/// repeats a note only when it changes. On an interactive ANSI terminal the waiting note of a service is a progress
/// line instead: it is rewritten in place, with the time spent so far, for as long as it is the last line written.
/// </summary>
internal sealed class ApplyProgressView(IAnsiConsole console, TimeProvider time) : IApplyObserver
{
    /// <summary>Cursor up one line, then erase it.</summary>
    private const string RewriteLastLine = "\u001b[1A\u001b[2K";

    private readonly Dictionary<string, string> _lastProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly bool _inPlace = console.Profile.Capabilities.Ansi && console.Profile.Capabilities.Interactive;
    private readonly Lock _gate = new();

    /// <summary>The address whose waiting note is the last line on screen, if it is one.</summary>
    private string? _progressLineOf;

    public void Starting(Change change)
    {
        lock (_gate)
        {
            _started[change.Address] = time.GetUtcNow();
            WriteLine($"[bold]{Markup.Escape(change.Address)}[/]: {Verb(change.Action)}...");
        }
    }

    public void Finished(Change change)
    {
        lock (_gate)
        {
            var took = _started.TryGetValue(change.Address, out var start) ? time.GetUtcNow() - start : TimeSpan.Zero;
            WriteLine($"[bold]{Markup.Escape(change.Address)}[/]: [green]{Done(change.Action)}[/] [grey]({Seconds(took)})[/]");
        }
    }

    public void Progress(string address, string message)
    {
        lock (_gate)
        {
            if (_inPlace && IsWaiting(message))
            {
                if (_progressLineOf == address)
                {
                    console.WriteAnsi(RewriteLastLine);
                }

                var waited = _started.TryGetValue(address, out var start) ? $" [grey]({Seconds(time.GetUtcNow() - start)})[/]" : string.Empty;
                console.MarkupLine($"[bold]{Markup.Escape(address)}[/]: [yellow]{Markup.Escape(message)}[/]{waited}");
                _progressLineOf = address;
                _lastProgress[address] = message;
                return;
            }

            if (_lastProgress.TryGetValue(address, out var last) && last == message)
            {
                return;
            }

            _lastProgress[address] = message;
            WriteLine($"[bold]{Markup.Escape(address)}[/]: [grey]{Markup.Escape(message)}[/]");
        }
    }

    private void WriteLine(string markup)
    {
        console.MarkupLine(markup);
        _progressLineOf = null;
    }

    /// <summary>The notes a gate repeats while it waits (see HealthGateRunner), as opposed to steps worth keeping on screen.</summary>
    private static bool IsWaiting(string message) =>
        message.Contains("waiting for ", StringComparison.Ordinal) || message.Contains("to be sure", StringComparison.Ordinal);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "creating",
        ChangeAction.Update => "updating",
        ChangeAction.Delete => "destroying",
        ChangeAction.Check => "checking",
        _ => "replacing",
    };

    private static string Done(ChangeAction action) => action switch
    {
        ChangeAction.Create => "created",
        ChangeAction.Update => "updated",
        ChangeAction.Delete => "destroyed",
        ChangeAction.Check => "checked",
        _ => "replaced",
    };
}
