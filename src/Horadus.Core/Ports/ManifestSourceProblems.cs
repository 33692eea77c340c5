namespace Horadus.Core.Ports;

/// <summary>Groups the problems by what a daemon does about them.</summary>
public static class ManifestSourceProblems
{
    public static ManifestSourceFailure KindOf(ManifestSourceProblem problem) => problem switch
    {
        ManifestSourceProblem.Unreachable or ManifestSourceProblem.TimedOut or ManifestSourceProblem.CacheBusy
            or ManifestSourceProblem.GitFailed => ManifestSourceFailure.Transient,
        ManifestSourceProblem.Unsigned or ManifestSourceProblem.UnknownSigner or ManifestSourceProblem.BadSignature
            => ManifestSourceFailure.Verification,
        _ => ManifestSourceFailure.Configuration,
    };
}
