using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Horadus.Core.Serialization;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Host.State;
using Spectre.Console;

namespace Horadus.Cli.Commands;

/// <summary><c>horadus history</c>: the applies and rollbacks recorded next to the secrets root.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print the records as JSON" };
        var limit = new Option<int>("--limit", "-n") { Description = "Show the newest N records", DefaultValueFactory = _ => 20 };
        var command = new Command("history", "List past applies and rollbacks with their outcome");
        common.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(result =>
        {
            var options = common.Read(result);
            var (manifest, diagnostics) = Session.LoadManifest(context, options.ManifestPath);
            if (manifest is null)
            {
                Session.Report(context, diagnostics);
                return ExitCodes.Error;
            }

            var root = options.RootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(options.RootOverride, context.WorkingDirectory);
            var records = new JsonlHistoryStore(root).Read().OrderByDescending(r => r.StartedAt).Take(Math.Max(1, result.GetValue(limit))).ToList();
            if (result.GetValue(json))
            {
                context.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(records, PlanDocument.Json.Info<List<Core.History.ApplyRecord>>()));
                return ExitCodes.Success;
            }

            if (records.Count == 0)
            {
                context.Out.WriteLine($"No history yet under {root}.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("started", "kind", "release", "from", "outcome", "revision", "message");
            foreach (var r in records)
            {
                table.AddRow(
                    r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    EnumNames.Of(r.Kind),
                    r.Stamp.ToString(),
                    r.Previous?.ToString() ?? "-",
                    EnumNames.Of(r.Outcome) + (r.Incomplete ? " (incomplete)" : string.Empty),
                    Markup.Escape(r.Revision ?? "-"),
                    Markup.Escape(r.Message ?? string.Empty));
            }

            context.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
