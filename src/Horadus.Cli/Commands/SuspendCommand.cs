using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Watching;
using Horadus.Core.Watching;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus suspend --reason TEXT</c> and <c>horadus resume</c>: hands off for manual work. Persisted in the root's
/// <c>.horadus</c>, so a restarted daemon stays suspended; while suspended it detects and reports, and changes nothing.
/// </summary>
internal static class SuspendCommand
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var common = new CommonOptions();
        var reason = new Option<string>("--reason") { Description = "Why, for the others (shown by status, the logs and the notifications)", Required = true, HelpName = "TEXT" };
        var suspend = new Command("suspend", "Stop the daemon from changing anything (it keeps reporting) until `horadus resume`");
        common.AddTo(suspend);
        suspend.Options.Add(reason);
        suspend.SetAction(result =>
        {
            if (RootOf(context, common, result) is not { } root)
            {
                return ExitCodes.Error;
            }

            var by = context.Environment("SUDO_USER") ?? context.Environment("USER") ?? "unknown";
            WatchCycle.Suspensions(root).Write(new Suspension(result.GetValue(reason)!, by, context.Time.GetUtcNow()));
            context.Out.WriteLine($"Suspended: horadus watch on {root} changes nothing until `horadus resume`.");
            return ExitCodes.Success;
        });

        var resumeCommon = new CommonOptions();
        var resume = new Command("resume", "Let the daemon act again after `horadus suspend`");
        resumeCommon.AddTo(resume);
        resume.SetAction(result =>
        {
            if (RootOf(context, resumeCommon, result) is not { } root)
            {
                return ExitCodes.Error;
            }

            var file = WatchCycle.Suspensions(root);
            var was = file.Read();
            file.Delete();
            context.Out.WriteLine(was is null ? $"Not suspended: nothing to do on {root}." : $"Resumed: horadus watch on {root} acts again (suspended by {was.By} since {was.Since:u}: {was.Reason}).");
            return ExitCodes.Success;
        });
        return [suspend, resume];
    }

    private static string? RootOf(CliContext context, CommonOptions common, ParseResult result)
    {
        var options = common.Read(result);
        var (manifest, diagnostics) = Session.LoadManifest(context, options.ManifestPath);
        if (manifest is null)
        {
            Session.Report(context, diagnostics);
            return null;
        }

        var root = options.RootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(options.RootOverride, context.WorkingDirectory);
        if (!Directory.Exists(Path.Combine(root, ".horadus")))
        {
            context.Error.WriteLine($"error: {root} is not a Horadus root yet (no .horadus): apply once first");
            return null;
        }

        return root;
    }
}
