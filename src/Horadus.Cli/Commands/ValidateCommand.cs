using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Core.Execution;
using Horadus.Core.Planning;

namespace Horadus.Cli.Commands;

/// <summary><c>horadus validate</c>: the manifest parses, matches the schema, and its values can be read and pass pre-flight.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var command = new Command("validate", "Check the manifest and its values without reading or touching the host");
        common.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var session = await Session.OpenAsync(context, common.Read(result), IApplyObserver.None, cancellationToken);
            if (session is null)
            {
                return ExitCodes.Error;
            }

            var problems = ValuePreflight.Check(session.Desired);
            if (problems.Count > 0)
            {
                Session.Report(context, problems);
                return ExitCodes.Error;
            }

            context.Out.WriteLine($"{session.Manifest.Path} is valid: release {session.Desired.Stamp}, {session.Desired.Files.Count} files, {session.Desired.Services.Count} services.");
            return ExitCodes.Success;
        });
        return command;
    }
}
