using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Spectre.Console;

namespace Horadus.Cli.Rendering;

/// <summary>Apply progress as lines: one when a change starts and ends, and waiting notes that repeat only when they change.</summary>
internal sealed class ApplyProgressView(IAnsiConsole console, TimeProvider time) : IApplyObserver
{
    private readonly Dictionary<string, string> _lastProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Starting(Change change)
    {
        lock (_gate)
        {
            _started[change.Address] = time.GetUtcNow();
            console.MarkupLine($"[bold]{Markup.Escape(change.Address)}[/]: {Verb(change.Action)}...");
        }
    }

    public void Finished(Change change)
    {
        lock (_gate)
        {
            var took = _started.TryGetValue(change.Address, out var start) ? time.GetUtcNow() - start : TimeSpan.Zero;
            console.MarkupLine($"[bold]{Markup.Escape(change.Address)}[/]: [green]{Done(change.Action)}[/] [grey]({took.TotalSeconds:0.0}s)[/]");
        }
    }

    public void Progress(string address, string message)
    {
        lock (_gate)
        {
            if (_lastProgress.TryGetValue(address, out var last) && last == message)
            {
                return;
            }

            _lastProgress[address] = message;
            console.MarkupLine($"[bold]{Markup.Escape(address)}[/]: [grey]{Markup.Escape(message)}[/]");
        }
    }

    private static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "creating",
        ChangeAction.Update => "updating",
        ChangeAction.Delete => "destroying",
        _ => "replacing",
    };

    private static string Done(ChangeAction action) => action switch
    {
        ChangeAction.Create => "created",
        ChangeAction.Update => "updated",
        ChangeAction.Delete => "destroyed",
        _ => "replaced",
    };
}
