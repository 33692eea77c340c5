using Horadus.Core.Services;

namespace Horadus.Core.Desired;

/// <summary>Everything the manifest and its decrypted values say the host must look like.</summary>
/// <param name="Operator">
/// Owner of <c>releases/</c>: the operators' account that runs horadus, as the runbook's <c>sudo install -d</c> leaves it.
/// Only each release belongs to the app user; a releases directory the app user could write to would let it swap
/// entries under the feet of the operator. Defaults to <paramref name="Ownership"/> where both are the same user.
/// </param>
public sealed record DesiredState(
    string SecretsRoot,
    DeploymentEnvironment Environment,
    ReleaseStamp Stamp,
    IReadOnlyList<DesiredFile> Files,
    Ownership Ownership,
    ModePolicy Modes,
    RetentionPolicy Retention,
    IReadOnlyList<ServiceSpec> Services,
    Ownership? Operator = null,
    FingerprintKey? Fingerprints = null) : IDisposable
{
    public Ownership ReleasesOwner => Operator ?? Ownership;

    public void Dispose()
    {
        foreach (var file in Files)
        {
            file.Value.Dispose();
        }
    }
}
