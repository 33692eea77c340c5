using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Drift;
using Horadus.Core.Execution;
using Horadus.Core.Planning;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus drift</c>: the check. The planner, read-only, reporting each difference between the host and the manifest
/// with its reason. Exit 0 in sync, 2 drifted, 1 when it cannot tell (like <c>plan --detailed-exitcode</c>).
/// </summary>
internal static class DriftCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schemas/horadus.drift.schema.json)" };
        var command = new Command("drift", "Check the host against the manifest and list every difference; change nothing (exit 0 in sync, 2 drifted, 1 error)");
        common.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var session = await Session.OpenAsync(context, common.Read(result), IApplyObserver.None, cancellationToken);
            if (session is null)
            {
                return ExitCodes.Error;
            }

            var report = await session.Reconciler.DriftAsync(session.Desired, PlanOptions.Default, cancellationToken);
            if (result.GetValue(json))
            {
                context.Out.Profile.Out.Writer.WriteLine(DriftDocument.From(report, context.Time.GetUtcNow()).ToJson());
            }
            else
            {
                Write(context.Out, report);
            }

            if (report.Errors.Count > 0)
            {
                DiagnosticsView.WriteErrors(context.Error, report.Errors);
                return ExitCodes.Error;
            }

            return report.InSync ? ExitCodes.Success : ExitCodes.ChangesPresent;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, DriftReport report)
    {
        if (report.Errors.Count > 0)
        {
            console.MarkupLine("[red]Drift could not be checked; see the errors.[/]");
            return;
        }

        var live = report.Target is { } target ? $"release {target} must be live" : "no release can be made live";
        if (report.InSync)
        {
            console.MarkupLine($"[green]In sync.[/] {Markup.Escape(report.SecretsRoot)} matches the manifest ({live}).");
            return;
        }

        console.MarkupLine($"[yellow]Drifted:[/] {report.Items.Count} difference(s) on {Markup.Escape(report.SecretsRoot)} ({live}):");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("kind", "address", "reason");
        foreach (var item in report.Items)
        {
            table.AddRow(DriftDocument.KindName(item.Kind), Markup.Escape(item.Address), Markup.Escape(item.Reason));
        }

        console.Write(table);
        console.MarkupLine("[grey]`horadus plan` shows the changes that would converge it; `horadus apply` makes them.[/]");
    }
}
