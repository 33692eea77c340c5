using System.CommandLine;
using Horadus.Cli.Commands;
using Horadus.Cli.Composition;

namespace Horadus.Cli;

/// <summary>The <c>horadus</c> command line: one command per verb, all output through the context.</summary>
public static class HoradusCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("horadus: a declarative reconciler for container secrets on Docker hosts.\n" +
                                   "Plan and apply horadus.desired.yaml: releases of secret files, the current link, and the services that mount it.");
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(ApplyCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(RollbackCommand.Create(context));
        root.Subcommands.Add(SecretsCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Build(context).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("Interrupted.");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Host errors the commands did not expect still end as one clear line, never a stack trace.
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
