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
    /// <summary>
    /// Owner of <c>releases/</c>: the operator's; when a service reloads, with the app's group, for its containers read
    /// through <c>releases/</c> as the app user (a bind mount of <c>current</c> never did).
    /// </summary>
    public Ownership ReleasesOwner => Reloads ? new Ownership((Operator ?? Ownership).Uid, Ownership.Gid) : Operator ?? Ownership;

    /// <summary>The mode of <c>releases/</c>: the manifest's; when a service reloads, the app's group may pass and never write.</summary>
    public ModePolicy ReleasesModes => Reloads
        ? Modes with { ReleasesDirectory = Modes.ReleasesDirectory.WithGroupPassing() }
        : Modes;

    /// <summary>Whether a service reads through the root (<see cref="ServiceSpec.Reload"/>) rather than a bind mount of <c>current</c>.</summary>
    public bool Reloads => Services.Any(s => s.Reload is not null);

    public void Dispose()
    {
        foreach (var file in Files)
        {
            file.Value.Dispose();
        }
    }
}
