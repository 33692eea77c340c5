using Horadus.Core.Diagnostics;
using Spectre.Console;

namespace Horadus.Cli.Rendering;

/// <summary>Diagnostics as one line each: "file:line:col: error: field: summary", then the hint indented.</summary>
internal static class DiagnosticsView
{
    public static void Write(IAnsiConsole console, IEnumerable<Diagnostic> diagnostics, bool includeInfo = true)
    {
        foreach (var d in diagnostics.Where(d => includeInfo || d.Severity != Severity.Info))
        {
            var colour = d.Severity switch
            {
                Severity.Error => "red",
                Severity.Warning => "yellow",
                _ => "grey",
            };
            var where = d.Location is not null ? $"{d.Location}: " : d.Address is not null ? $"{d.Address}: " : string.Empty;
            var field = d.Field is null ? string.Empty : $"{d.Field}: ";
            console.MarkupLine($"{Markup.Escape(where)}[{colour}]{d.Severity.ToString().ToLowerInvariant()}[/]: {Markup.Escape(field + d.Summary)}");
            if (d.Detail is not null)
            {
                console.MarkupLine($"  [grey]{Markup.Escape(d.Detail)}[/]");
            }
        }
    }

    /// <summary>Errors go to stderr, plain, so that scripts see them even when stdout is parsed.</summary>
    public static void WriteErrors(TextWriter error, IEnumerable<Diagnostic> diagnostics) => WritePlain(error, diagnostics.Where(d => d.IsError));

    /// <summary>Problems found before any output (manifest, values): on stderr, so that --json output stays pure JSON.</summary>
    public static void WritePlain(TextWriter error, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            error.WriteLine(d.ToString());
        }
    }
}
