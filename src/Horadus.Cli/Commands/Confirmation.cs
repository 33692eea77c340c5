using Spectre.Console;
using Horadus.Cli.Composition;

namespace Horadus.Cli.Commands;

/// <summary>Terraform's rule: ask on a terminal, accept only "yes", and refuse rather than hang without one.</summary>
internal static class Confirmation
{
    public static bool Confirm(CliContext context, string question, bool autoApprove)
    {
        if (autoApprove)
        {
            return true;
        }

        if (!context.IsInteractive)
        {
            context.Error.WriteLine("error: no terminal to confirm on; pass --auto-approve, or apply a saved plan file (horadus plan --out FILE; horadus apply FILE)");
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
