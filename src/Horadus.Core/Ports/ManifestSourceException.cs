namespace Horadus.Core.Ports;

/// <summary>
/// A fetch of the manifest that failed, typed: <see cref="Problem"/> says what happened, <see cref="Kind"/> what a daemon
/// does about it, <see cref="Commit"/> names the commit refused when there is one. Messages never hold credentials.
/// </summary>
public sealed class ManifestSourceException(ManifestSourceProblem problem, string message, string? commit = null)
    : Exception(message)
{
    public ManifestSourceProblem Problem { get; } = problem;

    public ManifestSourceFailure Kind => ManifestSourceProblems.KindOf(Problem);

    public string? Commit { get; } = commit;
}
