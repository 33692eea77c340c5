using Spectre.Console;
using Horadus.Cli.Composition;

namespace Horadus.Cli.Commands;

/// <summary>Terraform's rule: ask on a terminal, accept only "yes", and refuse rather than hang without one.</summary>
internal static class Confirmation
{
    /// <summary>What apply can do instead of being asked.</summary>
    public const string ApplyWithoutTerminal = "pass --auto-approve, or apply a saved plan file (horadus plan --out FILE; horadus apply FILE)";

    /// <summary>A rollback has no saved plan to apply: only --auto-approve goes ahead without a terminal.</summary>
    public const string RollbackWithoutTerminal = "pass --auto-approve to roll back without being asked";

    /// <param name="withoutTerminal">What to do instead, for the error when there is no terminal to ask on.</param>
    public static bool Confirm(CliContext context, string question, bool autoApprove, string withoutTerminal = ApplyWithoutTerminal)
    {
        if (autoApprove)
        {
            return true;
        }

        if (!context.IsInteractive)
        {
            context.Error.WriteLine($"error: no terminal to confirm on; {withoutTerminal}");
            return false;
        }

        context.Out.WriteLine();
        context.Out.WriteLine(question);
        context.Out.Write("  Only 'yes' will be accepted to approve.\n\n  Enter a value: ");
        var answer = context.Input.ReadLine();
        if (answer?.Trim() == "yes")
        {
            return true;
        }

        context.Error.WriteLine("Cancelled: nothing was changed.");
        return false;
    }
}
