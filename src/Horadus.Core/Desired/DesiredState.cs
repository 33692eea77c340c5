using Horadus.Core.Services;

namespace Horadus.Core.Desired;

/// <summary>Whether the manifest describes a development sandbox or a production host.</summary>
public enum DeploymentEnvironment
{
    Development,
    Production,
}

/// <summary>Owner of everything Horadus writes under the secrets root.</summary>
public readonly record struct Ownership(int Uid, int Gid)
{
    public override string ToString() => $"{Uid}:{Gid}";
}

/// <summary>Modes of the releases directory, each release directory and each secret file.</summary>
public sealed record ModePolicy(PermissionMode ReleasesDirectory, PermissionMode ReleaseDirectory, PermissionMode File)
{
    /// <summary>The runbook's install -d -m 0750 / install -m 0640.</summary>
    public static ModePolicy RunbookDefaults { get; } = new(new PermissionMode(0b111_101_000), new PermissionMode(0b111_101_000), new PermissionMode(0b110_100_000));
}

/// <summary>How many previous good releases stay for rollback, and how long a new release must be live before pruning.</summary>
public sealed record RetentionPolicy(int KeepPrevious, TimeSpan StabilityWindow)
{
    public static RetentionPolicy Default { get; } = new(1, TimeSpan.FromHours(24));
}

/// <summary>One secret file of the release: its name in the release directory and the variable that points at it.</summary>
public sealed record DesiredFile(string Name, string Variable, SecretValue Value);

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
