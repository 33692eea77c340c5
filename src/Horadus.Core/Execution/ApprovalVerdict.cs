namespace Horadus.Core.Execution;

public enum ApprovalVerdict
{
    Granted,

    /// <summary>A person said no (or could not be asked).</summary>
    Declined,

    /// <summary>The plan made under the lock is not the one approved earlier (a saved plan file).</summary>
    Stale,
}
