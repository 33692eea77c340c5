using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.Ports;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus rollback [--to STAMP]</c>: point current at an earlier release (the newest good one by default),
/// recreate the services on it, and mark the release left behind as failed so it is not applied again by itself.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var to = new Option<string?>("--to") { Description = "The release to go back to [default: the newest good release before the live one]", HelpName = "STAMP" };
        var autoApprove = CommonOptions.AutoApprove();
        var lockTimeout = CommonOptions.LockTimeout();
        var command = new Command("rollback", "Go back to an earlier release and recreate the services on it");
        common.AddTo(command);
        command.Options.Add(to);
        command.Options.Add(autoApprove);
        command.Options.Add(lockTimeout);
        command.SetAction(async (result, cancellationToken) =>
        {
            ReleaseStamp? target = null;
            if (result.GetValue(to) is { } text)
            {
                if (!ReleaseStamp.TryParse(text, out var stamp))
                {
                    context.Error.WriteLine($"error: --to: '{text}' is not a release stamp like 20260215T090000Z");
                    return ExitCodes.Error;
                }

                target = stamp;
            }

            // Rollback goes to a release already on disk: it needs neither the values nor the key that decrypts them.
            using var session = await Session.OpenAsync(context, common.Read(result), new ApplyProgressView(context.Out, context.Time), cancellationToken, readValues: false);
            if (session is null)
            {
                return ExitCodes.Error;
            }

            var question = $"Roll {session.Desired.SecretsRoot} back to {target?.ToString() ?? "the newest good release before the live one"}?";
            if (!Confirmation.Confirm(context, question, result.GetValue(autoApprove), Confirmation.RollbackWithoutTerminal))
            {
                return ExitCodes.Error;
            }

            try
            {
                var outcome = await session.Reconciler.RollbackAsync(session.Desired, target, new ApplyOptions(result.GetValue(lockTimeout)), cancellationToken);
                return ApplyResultView.Write(context, outcome, "Rollback");
            }
            catch (Exception e) when (e is LockTimeoutException or IOException or UnauthorizedAccessException or ContainerEngineException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
