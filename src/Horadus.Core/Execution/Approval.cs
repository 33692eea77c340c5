using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

public enum ApprovalVerdict
{
    Granted,

    /// <summary>A person said no (or could not be asked).</summary>
    Declined,

    /// <summary>The plan made under the lock is not the one approved earlier (a saved plan file).</summary>
    Stale,
}

/// <summary>The answer to "perform these actions?", with why not when it is no.</summary>
public sealed record Approval(ApprovalVerdict Verdict, IReadOnlyList<Diagnostic> Reasons, string? Error = null)
{
    public static Approval Granted { get; } = new(ApprovalVerdict.Granted, []);

    public static Approval Declined { get; } = new(ApprovalVerdict.Declined, []);
}

/// <summary>
/// Asked once per run, under the lock, with the plan that will run if it says yes. It sees every plan (empty ones and
/// ones with errors too, so that it can show them); its answer matters only for a plan that has something to do.
/// </summary>
public delegate Task<Approval> ApprovePlan(Plan plan, CancellationToken cancellationToken);
