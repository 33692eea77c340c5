using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Diagnostics;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus apply [PLAN]</c>: under the lock, plan, confirm, then carry the plan out. A saved plan is applied exactly,
/// and refused when the plan made now from the host and the manifest differs from it in anything.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var planFile = new Argument<string?>("PLAN") { Description = "A plan saved by `horadus plan --out`", Arity = ArgumentArity.ZeroOrOne };
        var autoApprove = CommonOptions.AutoApprove();
        var lockTimeout = CommonOptions.LockTimeout();
        var retry = CommonOptions.RetryFailed();
        var bootstrap = CommonOptions.Bootstrap();
        var revision = new Option<string?>("--revision") { Description = "Source revision to record in the history (default: the manifest's git commit, if any)", HelpName = "REV" };

        var command = new Command("apply", "Converge the host on the manifest: write the release, switch current, recreate services, gate on health");
        command.Arguments.Add(planFile);
        common.AddTo(command);
        command.Options.Add(autoApprove);
        command.Options.Add(lockTimeout);
        command.Options.Add(retry);
        command.Options.Add(bootstrap);
        command.Options.Add(revision);
        command.SetAction(async (result, cancellationToken) =>
        {
            PlanDocument? saved = null;
            if (result.GetValue(planFile) is { } file)
            {
                var path = Path.GetFullPath(file, context.WorkingDirectory);
                try
                {
                    saved = PlanDocument.Read(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    context.Error.WriteLine($"error: cannot read the plan: {e.Message}");
                    return ExitCodes.Error;
                }
            }

            var observer = new ApplyProgressView(context.Out, context.Time);
            // A saved plan names its manifest and root: applying it needs neither -f nor --root again.
            var manifestOptions = common.Read(result, saved?.Manifest);
            if (saved is not null && manifestOptions.RootOverride is null)
            {
                manifestOptions = manifestOptions with { RootOverride = saved.SecretsRoot };
            }

            using var session = await Session.OpenAsync(context, manifestOptions, observer, cancellationToken);
            if (session is null)
            {
                return ExitCodes.Error;
            }

            if (saved is not null && saved.SecretsRoot != session.Desired.SecretsRoot)
            {
                context.Error.WriteLine($"error: the plan was made for {saved.SecretsRoot}, not {session.Desired.SecretsRoot}");
                return ExitCodes.Error;
            }

            var planOptions = new PlanOptions(result.GetValue(retry), result.GetValue(bootstrap));
            var applyOptions = new ApplyOptions(result.GetValue(lockTimeout), result.GetValue(revision) ?? Revision.Of(session.Manifest.Path), planOptions);
            ApprovePlan approve = saved is null
                ? (plan, _) => Task.FromResult(AskPerson(context, plan, result.GetValue(autoApprove)))
                : (plan, _) => Task.FromResult(MatchSaved(context, plan, saved.ToPlan()));

            // Like Terraform, the lock is held from before the plan until the end: a plan shown is a plan applied.
            ApplyResult outcome;
            try
            {
                outcome = await session.Reconciler.ApplyAsync(session.Desired, applyOptions, approve, cancellationToken);
            }
            catch (Exception e) when (e is LockTimeoutException or IOException or UnauthorizedAccessException or ContainerEngineException)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Error;
            }

            if (session.Lock.Recovered is { } dead)
            {
                context.Out.MarkupLine($"[grey]Recovered the lock left by {Markup.Escape(dead.ToString())}: that process had ended without releasing it.[/]");
            }

            return outcome.Status switch
            {
                // The plan (and its errors) was shown when it was made; the empty plan said "No changes".
                ApplyStatus.Refused or ApplyStatus.Declined => ExitCodes.Error,
                ApplyStatus.NoChanges when saved is null => ExitCodes.Success,
                _ => ApplyResultView.Write(context, outcome, "Apply"),
            };
        });
        return command;
    }

    private static Approval AskPerson(CliContext context, Plan plan, bool autoApprove)
    {
        PlanView.Write(context.Out, plan);
        if (plan.HasErrors)
        {
            DiagnosticsView.WriteErrors(context.Error, plan.Diagnostics);
            context.Error.WriteLine("Nothing was changed.");
            return Approval.Declined;
        }

        if (plan.IsEmpty)
        {
            return Approval.Granted;
        }

        var granted = Confirmation.Confirm(context, "Do you want to perform these actions?", autoApprove);
        context.Out.WriteLine();
        return granted ? Approval.Granted : Approval.Declined;
    }

    /// <summary>A saved plan runs only when the plan made now, under the lock, is the same in every field.</summary>
    private static Approval MatchSaved(CliContext context, Plan fresh, Plan saved)
    {
        if (fresh.HasErrors)
        {
            DiagnosticsView.WriteErrors(context.Error, fresh.Diagnostics);
            context.Error.WriteLine("Nothing was changed.");
            return Approval.Declined;
        }

        var comparison = PlanComparison.Compare(saved, fresh);
        return comparison.Same
            ? Approval.Granted
            : new Approval(ApprovalVerdict.Stale, comparison.Differences.Select(d => Diagnostic.Error(d)).ToList(), comparison.Error);
    }
}
