using Spectre.Console;
using System.CommandLine;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;

namespace Horadus.Cli.Commands;

/// <summary>
/// <c>horadus apply [PLAN]</c>: plan, confirm, then carry the plan out under the lock. A saved plan is applied
/// exactly, and refused when the host or the manifest moved since it was made.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var planFile = new Argument<string?>("PLAN") { Description = "A plan saved by `horadus plan --out`", Arity = ArgumentArity.ZeroOrOne };
        var autoApprove = CommonOptions.AutoApprove();
        var lockTimeout = CommonOptions.LockTimeout();
        var retry = new Option<bool>("--retry-failed") { Description = "Apply the desired release even though it failed and was rolled back before" };
        var revision = new Option<string?>("--revision") { Description = "Source revision to record in the history (default: the manifest's git commit, if any)", HelpName = "REV" };

        var command = new Command("apply", "Converge the host on the manifest: write the release, switch current, recreate services, gate on health");
        command.Arguments.Add(planFile);
        common.AddTo(command);
        command.Options.Add(autoApprove);
        command.Options.Add(lockTimeout);
        command.Options.Add(retry);
        command.Options.Add(revision);
        command.SetAction(async (result, cancellationToken) =>
        {
            PlanDocument? saved = null;
            if (result.GetValue(planFile) is { } file)
            {
                var path = Path.GetFullPath(file, context.WorkingDirectory);
                try
                {
                    saved = PlanDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
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

            var options = new PlanOptions(result.GetValue(retry));

            // Like Terraform, hold the lock from before the plan until the end, so that a plan shown is a plan applied.
            // A root that does not exist yet is only created for the lock when the changes are approved in advance
            // and a first look finds nothing wrong: a plan with errors leaves the host exactly as it was.
            var createFirst = saved is null && result.GetValue(autoApprove) && !session.Host.RootExists &&
                              !(await session.Reconciler.PlanAsync(session.Desired, options, cancellationToken)).HasErrors;
            IDisposable? held = null;
            if (saved is null && (session.Host.RootIsDirectory || createFirst))
            {
                try
                {
                    held = session.Lock.Acquire(result.GetValue(lockTimeout), createRoot: true, cancellationToken);
                }
                catch (LockTimeoutException e)
                {
                    context.Error.WriteLine($"error: {e.Message}");
                    return ExitCodes.Error;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The plan below says what is wrong with the root, with its reason and address.
                }
            }

            using var heldLock = held;

            Plan approved;
            if (saved is not null)
            {
                approved = saved.ToPlan();
                if (approved.SecretsRoot != session.Desired.SecretsRoot)
                {
                    context.Error.WriteLine($"error: the plan was made for {approved.SecretsRoot}, not {session.Desired.SecretsRoot}");
                    return ExitCodes.Error;
                }
            }
            else
            {
                approved = await session.Reconciler.PlanAsync(session.Desired, options, cancellationToken);
                PlanView.Write(context.Out, approved);
                if (approved.HasErrors)
                {
                    DiagnosticsView.WriteErrors(context.Error, approved.Diagnostics);
                    return ExitCodes.Error;
                }

                if (approved.IsEmpty)
                {
                    return ExitCodes.Success;
                }

                if (!Confirmation.Confirm(context, "Do you want to perform these actions?", result.GetValue(autoApprove)))
                {
                    return ExitCodes.Error;
                }
            }

            var applyOptions = new ApplyOptions(result.GetValue(lockTimeout), result.GetValue(revision) ?? Revision.Of(session.Manifest.Path), options);
            context.Out.WriteLine();
            ApplyResult outcome;
            try
            {
                outcome = await session.Reconciler.ApplyAsync(session.Desired, approved, applyOptions, cancellationToken);
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

            return ApplyResultView.Write(context, outcome, "Apply");
        });
        return command;
    }
}
