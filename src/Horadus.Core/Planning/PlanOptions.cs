namespace Horadus.Core.Planning;

/// <summary>Choices a person makes when asking for a plan.</summary>
/// <param name="RetryFailed">Apply the desired release even though an earlier apply of it failed and was rolled back.</param>
/// <param name="Bootstrap">
/// The first deployment: a declared service with no container yet is not an error; the release goes live and the
/// services read it when they are first started (<c>docker compose up -d</c>). The next apply gates them.
/// </param>
public sealed record PlanOptions(bool RetryFailed = false, bool Bootstrap = false)
{
    public static PlanOptions Default { get; } = new();
}
