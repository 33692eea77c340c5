namespace Horadus.Core.Desired;

/// <summary>Modes of the releases directory, each release directory and each secret file.</summary>
public sealed record ModePolicy(PermissionMode ReleasesDirectory, PermissionMode ReleaseDirectory, PermissionMode File)
{
    /// <summary>The runbook's install -d -m 0750 / install -m 0640.</summary>
    public static ModePolicy RunbookDefaults { get; } = new(new PermissionMode(0b111_101_000), new PermissionMode(0b111_101_000), new PermissionMode(0b110_100_000));
}
