using Spectre.Console;
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

            // The rollback is a plan like any other: shown first, then confirmed, then run under the lock it was made under.
            ApprovePlan approve = (plan, _) =>
            {
                PlanView.Write(context.Out, plan);
                if (plan.HasErrors)
                {
                    DiagnosticsView.WriteErrors(context.Error, plan.Diagnostics);
                    context.Error.WriteLine("Nothing was changed.");
                    return Task.FromResult(Approval.Declined);
                }

                var granted = plan.IsEmpty || Confirmation.Confirm(context, $"Roll {session.Desired.SecretsRoot} back to {plan.Target}?", result.GetValue(autoApprove), Confirmation.RollbackWithoutTerminal);
                context.Out.WriteLine();
                return Task.FromResult(granted ? Approval.Granted : Approval.Declined);
            };

            try
            {
                var outcome = await session.Reconciler.RollbackAsync(session.Desired, target, new ApplyOptions(result.GetValue(lockTimeout)), approve, cancellationToken);
                return outcome.Status switch
                {
                    ApplyStatus.Declined => ExitCodes.Error,
                    ApplyStatus.Refused when outcome.Plan is not null => ExitCodes.Error,
                    ApplyStatus.NoChanges => ExitCodes.Success,
                    _ => ApplyResultView.Write(context, outcome, "Rollback"),
                };
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
