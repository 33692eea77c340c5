using System.CommandLine;
using System.Runtime.InteropServices;
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
        root.Subcommands.Add(DriftCommand.Create(context));
        root.Subcommands.Add(WatchCommand.Create(context));
        foreach (var command in SuspendCommand.Create(context))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(RollbackCommand.Create(context));
        root.Subcommands.Add(SecretsCommand.Create(context));
        return root;
    }

    /// <summary>
    /// The real process: SIGINT and SIGTERM are handled here, not by System.CommandLine, whose handler ends the process
    /// 2 s after a signal whatever the command is doing (half-way through putting the old containers back, say).
    /// The first signal cancels the command's token and keeps the process alive, so that the apply finishes its current
    /// step and rolls back; a second one ends the process at once. An interrupted command exits 1.
    /// </summary>
    public static async Task<int> RunProcessAsync(string[] args, CliContext context)
    {
        using var interrupt = new CancellationTokenSource();
        var signals = 0;

        void OnSignal(PosixSignalContext signal)
        {
            if (Interlocked.Increment(ref signals) > 1)
            {
                // The second signal: the default action, which ends the process.
                return;
            }

            signal.Cancel = true;
            context.Error.WriteLine(context.StopsOnSignal
                ? "Stopping: the cycle in progress finishes (an apply rolls back); press Ctrl-C again to stop at once."
                : "Interrupted: finishing the current step and rolling back; press Ctrl-C again to stop at once.");
            // Not on the signal thread: cancellation callbacks may take a while.
            _ = Task.Run(interrupt.Cancel);
        }

        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal))
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal))
        {
            var code = await RunAsync(args, context, interrupt.Token);
            return Volatile.Read(ref signals) > 0 && !context.StopsOnSignal ? ExitCodes.Error : code;
        }
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Build(context).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are the caller's business (RunProcessAsync): never end the process behind a rollback's back.
            ProcessTerminationTimeout = null,
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
