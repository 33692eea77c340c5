using Horadus.Core.Diagnostics;

namespace Horadus.Core.Execution;

/// <summary>The answer to "perform these actions?", with why not when it is no.</summary>
public sealed record Approval(ApprovalVerdict Verdict, IReadOnlyList<Diagnostic> Reasons, string? Error = null)
{
    public static Approval Granted { get; } = new(ApprovalVerdict.Granted, []);

    public static Approval Declined { get; } = new(ApprovalVerdict.Declined, []);
}
