namespace Horadus.Core.Ports;

/// <summary>Why a fetch of the manifest failed; <see cref="ManifestSourceProblems.KindOf"/> groups them by what to do.</summary>
public enum ManifestSourceProblem
{
    Unreachable,
    TimedOut,
    CacheBusy,
    GitFailed,
    InvalidSettings,
    RefNotFound,
    AmbiguousRef,
    RefDeleted,
    ManifestNotFound,
    Unsigned,
    UnknownSigner,
    BadSignature,
}
