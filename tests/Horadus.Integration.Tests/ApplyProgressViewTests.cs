using Horadus.Cli.Rendering;
using Horadus.Core.Planning;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Horadus.Integration.Tests;

/// <summary>How apply progress looks on a terminal and in a log.</summary>
public sealed class ApplyProgressViewTests
{
    private static readonly Change Api = new(ChangeAction.Replace, "service/api", "1 container(s) on release A", "1 container(s) on release B", "current moves to B", new RecreateService("api", ["c1"], 0));

    [Fact]
    public void Progress_OnAPipe_PrintsEachWaitingNoteOnceAndNoControlCodes()
    {
        var (view, output, time) = View(terminal: false);

        view.Starting(Api);
        view.Progress(Api.Address, "waiting for http http://127.0.0.1/health: HTTP 500: starting");
        time.Advance(TimeSpan.FromSeconds(1));
        view.Progress(Api.Address, "waiting for http http://127.0.0.1/health: HTTP 500: starting");
        view.Progress(Api.Address, "healthy (http http://127.0.0.1/health, stable for 1s)");
        view.Finished(Api);

        Assert.Equal(
            [
                "service/api: replacing...",
                "service/api: waiting for http http://127.0.0.1/health: HTTP 500: starting",
                "service/api: healthy (http http://127.0.0.1/health, stable for 1s)",
                "service/api: replaced (1.0s)",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void Progress_OnATerminal_RewritesTheWaitingLineInPlaceWithTheTimeSoFar()
    {
        var (view, output, time) = View(terminal: true);

        view.Starting(Api);
        view.Progress(Api.Address, "waiting for http http://127.0.0.1/health: HTTP 500: starting");
        time.Advance(TimeSpan.FromSeconds(2));
        view.Progress(Api.Address, "waiting for http http://127.0.0.1/health: HTTP 500: starting");
        view.Progress(Api.Address, "healthy (http http://127.0.0.1/health, stable for 1s)");

        var text = output.ToString();
        Assert.Equal(1, Occurrences(text, "\u001b[1A\u001b[2K"));
        Assert.Contains("(0.0s)", text, StringComparison.Ordinal);
        Assert.Contains("(2.0s)", text, StringComparison.Ordinal);
        Assert.Contains("healthy (http http://127.0.0.1/health, stable for 1s)", text, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static (ApplyProgressView View, StringWriter Output, FakeTimeProvider Time) View(bool terminal)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 4096;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        return (new ApplyProgressView(console, time), output, time);
    }
}
