using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>Progress hooks (Terraform's PreApply/PostApply): the executor reports, renderers decide how it looks.</summary>
public interface IApplyObserver
{
    void Starting(Change change);

    void Finished(Change change);

    /// <summary>A line of progress while waiting (health gates, rollback), never containing a secret.</summary>
    void Progress(string address, string message);

    public static IApplyObserver None { get; } = new NoObserver();

    private sealed class NoObserver : IApplyObserver
    {
        public void Starting(Change change)
        {
        }

        public void Finished(Change change)
        {
        }

        public void Progress(string address, string message)
        {
        }
    }
}
