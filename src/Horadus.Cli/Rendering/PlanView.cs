using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;
using Spectre.Console;

namespace Horadus.Cli.Rendering;

/// <summary>The human plan, in the spirit of Terraform's: a marker per change, fingerprints, reasons, a summary line.</summary>
internal static class PlanView
{
    public static void Write(IAnsiConsole console, Plan plan)
    {
        // Errors go to stderr (the commands write them there), the rest here with the plan.
        DiagnosticsView.Write(console, plan.Diagnostics.Where(d => !d.IsError));
        if (plan.HasErrors)
        {
            console.MarkupLine("[red]The plan has errors; nothing will be changed.[/]");
            return;
        }

        if (plan.IsEmpty)
        {
            // With a warning (a failed release not retried, a stopped container) the host does not match: say only what is true.
            console.MarkupLine(plan.Diagnostics.Any(d => d.Severity == Severity.Warning)
                ? $"[yellow]No changes proposed[/] for {Markup.Escape(plan.SecretsRoot)}; see the warnings above."
                : $"[green]No changes.[/] The host matches the manifest (release {plan.Stamp} at {Markup.Escape(plan.SecretsRoot)}).");
            return;
        }

        console.MarkupLine($"Horadus will perform the following actions on [bold]{Markup.Escape(plan.SecretsRoot)}[/]:");
        console.WriteLine();
        foreach (var change in plan.Changes)
        {
            WriteChange(console, change, "  ");
        }

        console.WriteLine();
        console.MarkupLine(Summary(plan));
    }

    public static string Summary(Plan plan) =>
        $"[bold]Plan:[/] {plan.Count(ChangeAction.Create)} to add, {plan.Count(ChangeAction.Update)} to change, " +
        $"{plan.Count(ChangeAction.Replace)} to replace, {plan.Count(ChangeAction.Delete)} to destroy" +
        (plan.Count(ChangeAction.Check) > 0 ? $", {plan.Count(ChangeAction.Check)} to check." : ".");

    public static void WriteChange(IAnsiConsole console, Change change, string indent)
    {
        var (marker, colour) = Marker(change.Action);
        var transition = (change.Before, change.After) switch
        {
            (null, null) => string.Empty,
            (null, { } after) => after,
            ({ } before, null) => before,
            ({ } before, { } after) => $"{before} -> {after}",
        };
        console.MarkupLine($"{indent}[{colour}]{Markup.Escape(marker)}[/] [bold]{Markup.Escape(change.Address)}[/]  {Markup.Escape(transition)}");
        console.MarkupLine($"{indent}    [grey]# {Markup.Escape(change.Reason)}[/]");
        foreach (var detail in change.Details ?? [])
        {
            var (m, c) = Marker(detail.Action);
            var name = detail.Address.StartsWith(change.Address + "/", StringComparison.Ordinal) ? detail.Address[(change.Address.Length + 1)..] : detail.Address;
            console.MarkupLine($"{indent}    [{c}]{Markup.Escape(m)}[/] {Markup.Escape(name)}  {Markup.Escape(detail.After ?? detail.Before ?? string.Empty)}  [grey]{Markup.Escape(detail.Reason)}[/]");
        }
    }

    private static (string Marker, string Colour) Marker(ChangeAction action) => action switch
    {
        ChangeAction.Create => ("+", "green"),
        ChangeAction.Update => ("~", "yellow"),
        ChangeAction.Delete => ("-", "red"),
        ChangeAction.Check => ("<=", "cyan"),
        _ => ("-/+", "darkorange"),
    };
}
