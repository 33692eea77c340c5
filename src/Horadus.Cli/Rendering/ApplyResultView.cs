using Horadus.Cli.Composition;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Spectre.Console;

namespace Horadus.Cli.Rendering;

/// <summary>How an apply or rollback ended, and the exit code that goes with it.</summary>
internal static class ApplyResultView
{
    public static int Write(CliContext context, ApplyResult result, string what)
    {
        var console = context.Out;
        switch (result.Status)
        {
            case ApplyStatus.NoChanges:
                console.MarkupLine("[green]No changes.[/] The host already matches the manifest.");
                return ExitCodes.Success;
            case ApplyStatus.Applied:
                DiagnosticsView.Write(console, result.Diagnostics);
                console.WriteLine();
                console.MarkupLine($"[green]{what} complete![/] {result.Applied.Count(c => c.Action == ChangeAction.Create)} added, " +
                                   $"{result.Applied.Count(c => c.Action == ChangeAction.Update)} changed, {result.Applied.Count(c => c.Action == ChangeAction.Replace)} replaced, " +
                                   $"{result.Applied.Count(c => c.Action == ChangeAction.Delete)} destroyed. Live release: {result.Live?.ToString() ?? "none"}.");
                return ExitCodes.Success;
            case ApplyStatus.Stale:
                context.Error.WriteLine($"error: {result.Error}");
                foreach (var moved in result.Diagnostics)
                {
                    context.Error.WriteLine($"  {moved.Summary}");
                }

                context.Error.WriteLine("Nothing was changed.");
                return ExitCodes.Error;
            case ApplyStatus.Declined:
                context.Error.WriteLine(result.Error is null ? "Cancelled: nothing was changed." : $"error: {result.Error}");
                return ExitCodes.Error;
            case ApplyStatus.Refused:
                DiagnosticsView.WriteErrors(context.Error, result.Diagnostics);
                context.Error.WriteLine("Nothing was changed.");
                return ExitCodes.Error;
            default:
                WriteFailure(context, result);
                return ExitCodes.Error;
        }
    }

    private static void WriteFailure(CliContext context, ApplyResult result)
    {
        var error = context.Error;
        error.WriteLine();
        var headline = result.Status switch
        {
            ApplyStatus.RolledBack when result.Gate?.Kind == GateKind.Interrupted => "error: the apply was interrupted while the services were being recreated, and was rolled back",
            ApplyStatus.RolledBack when result.Gate?.Kind == GateKind.Engine => "error: the container engine failed while the services were being recreated; the previous release was restored",
            ApplyStatus.RolledBack when result.Gate?.Kind == GateKind.Preflight => "error: the new release failed its pre-flight and was rolled back",
            ApplyStatus.RolledBack => "error: the new release failed its health gates and was rolled back",
            ApplyStatus.RollbackFailed => "ERROR: the run failed AND THE ROLLBACK DID NOT COMPLETE; the next apply finishes it",
            _ => result.FailedChange is { } failed ? $"error: {failed.Address}: {result.Error}" : $"error: {result.Error}",
        };
        error.WriteLine(headline);
        if (result.Status is ApplyStatus.RolledBack or ApplyStatus.RollbackFailed || result.Gate is not null)
        {
            error.WriteLine($"  {result.Error}");
        }

        if (result.Gate is { } gate)
        {
            error.WriteLine($"  service:     {gate.Service}");
            error.WriteLine($"  gate:        {gate.Gate}");
            error.WriteLine($"  last answer: {gate.LastAnswer}");
            if (gate.LogTail.Count > 0)
            {
                error.WriteLine("  last log lines:");
                foreach (var line in gate.LogTail)
                {
                    error.WriteLine($"    | {line}");
                }
            }
        }

        foreach (var problem in result.Diagnostics)
        {
            error.WriteLine($"  {problem.Summary}");
        }

        error.WriteLine(result.Live is { } live ? $"Live release: {live}." : "No release is live.");
    }
}
