using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Execution;
using Horadus.Core.Planning;

namespace Horadus.Cli.Commands;

/// <summary><c>horadus plan</c>: the dry run. Reads the host, diffs it against the manifest, shows or saves the plan.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var output = new Option<string?>("--out", "-o") { Description = "Save the plan to FILE, to apply exactly it later with `horadus apply FILE`", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (schemas/horadus.plan.schema.json)" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when there are no changes, 2 when there are, 1 on error" };
        var retry = CommonOptions.RetryFailed();
        var bootstrap = CommonOptions.Bootstrap();

        var command = new Command("plan", "Show what apply would change on the host; change nothing");
        common.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(detailed);
        command.Options.Add(retry);
        command.Options.Add(bootstrap);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var session = await Session.OpenAsync(context, common.Read(result), IApplyObserver.None, cancellationToken);
            if (session is null)
            {
                return ExitCodes.Error;
            }

            var plan = await session.Reconciler.PlanAsync(session.Desired, new PlanOptions(result.GetValue(retry), result.GetValue(bootstrap)), cancellationToken);
            var document = PlanDocument.From(plan, session.Manifest.Path, context.Time.GetUtcNow(), Revision.Of(session.Manifest.Path));
            if (result.GetValue(json))
            {
                context.Out.Profile.Out.Writer.WriteLine(document.ToJson());
            }
            else
            {
                PlanView.Write(context.Out, plan);
            }

            if (plan.HasErrors)
            {
                DiagnosticsView.WriteErrors(context.Error, plan.Diagnostics);
                return ExitCodes.Error;
            }

            if (result.GetValue(output) is { } file)
            {
                var path = Path.GetFullPath(file, context.WorkingDirectory);
                // Private like the history: fingerprints are not values, but they are nobody else's business.
                var temporary = path + ".horadus-tmp";
                await File.WriteAllTextAsync(temporary, string.Empty, cancellationToken);
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await File.WriteAllTextAsync(temporary, document.ToJson(), cancellationToken);
                File.Move(temporary, path, overwrite: true);
                if (!result.GetValue(json))
                {
                    context.Out.WriteLine();
                    context.Out.WriteLine($"Saved the plan to {path}. To apply exactly this plan: horadus apply {file}");
                }
            }

            return result.GetValue(detailed) && !plan.IsEmpty ? ExitCodes.ChangesPresent : ExitCodes.Success;
        });
        return command;
    }
}
