namespace Horadus.Core.Planning;

/// <summary>Choices a person makes when asking for a plan.</summary>
/// <param name="RetryFailed">Apply the desired release even though an earlier apply of it failed and was rolled back.</param>
public sealed record PlanOptions(bool RetryFailed = false)
{
    public static PlanOptions Default { get; } = new();
}
