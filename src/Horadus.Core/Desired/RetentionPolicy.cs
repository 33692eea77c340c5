namespace Horadus.Core.Desired;

/// <summary>How many previous good releases stay for rollback, and how long a new release must be live before pruning.</summary>
public sealed record RetentionPolicy(int KeepPrevious, TimeSpan StabilityWindow)
{
    public static RetentionPolicy Default { get; } = new(1, TimeSpan.FromHours(24));
}
