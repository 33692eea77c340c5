using Horadus.Core.Desired;
using Horadus.Core.Observed;

namespace Horadus.Core.Ports;

/// <summary>
/// The secrets root on the host, seen through the few operations Horadus needs. Every mutation is atomic
/// at the level a reader of <c>current</c> can notice: a release appears whole or not at all.
/// </summary>
public interface ISecretsHost
{
    string Root { get; }

    ObservedSnapshot Observe();

    /// <summary>
    /// Writes the release under a staging name (files created with final mode and owner, flushed), then renames it into
    /// place; creates <c>releases/</c> for <paramref name="releasesOwner"/> first if it is missing.
    /// </summary>
    void WriteRelease(ReleaseStamp stamp, IReadOnlyList<DesiredFile> files, ModePolicy modes, Ownership owner, Ownership releasesOwner);

    void SetAttributes(string relativePath, int uid, int gid, PermissionMode mode);

    /// <summary>Points <c>current</c> at the release by renaming a fresh symlink over it, then flushes the directory.</summary>
    void SwitchCurrent(ReleaseStamp stamp);

    void DeleteRelease(ReleaseStamp stamp);

    void DeleteStaging(string name);
}
