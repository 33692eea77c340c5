using Horadus.Core.Desired;
using Horadus.Core.Observed;
using Horadus.Core.Ports;

namespace Horadus.Core.Tests.Lifecycle;

/// <summary>A secrets root in memory, with the host adapter's guarantees: releases appear whole, current names one that exists.</summary>
internal sealed class InMemorySecretsHost(string root) : ISecretsHost
{
    private readonly SortedDictionary<ReleaseStamp, ObservedRelease> _releases = [];

    public string Root => root;

    public bool RootExists { get; set; }

    public ReleaseStamp? Current { get; set; }

    /// <summary>Called before a release is deleted, while it still exists: the model checks retention's rules here.</summary>
    public Action<ReleaseStamp>? BeforeDelete { get; set; }

    public IReadOnlyCollection<ReleaseStamp> Releases => _releases.Keys;

    public ObservedSnapshot Observe() => new(
        root,
        RootExists,
        _releases.Count > 0 ? new EntryAttributes(10001, 10001, ModePolicy.RunbookDefaults.ReleasesDirectory) : null,
        [.. _releases.Values],
        Current is { } live ? new CurrentLink(EntryType.Symlink, $"releases/{live}", live) : null,
        [],
        [],
        [])
    {
        // As the apply's lock makes it: the operator's, 0750; the app's group may pass (a service that reloads reads through it).
        RootDirectory = RootExists ? new EntryAttributes(0, 10001, ModePolicy.RunbookDefaults.ReleasesDirectory) : null,
    };

    public void WriteRelease(ReleaseStamp stamp, IReadOnlyList<DesiredFile> files, ModePolicy modes, Ownership owner, Ownership releasesOwner)
    {
        if (_releases.ContainsKey(stamp))
        {
            throw new IOException($"release {stamp} exists");
        }

        _releases[stamp] = new ObservedRelease(
            stamp,
            new EntryAttributes(owner.Uid, owner.Gid, modes.ReleaseDirectory),
            files.Select(f => new ObservedFile(f.Name, EntryType.File, f.Value.Size, f.Value.Digest, new EntryAttributes(owner.Uid, owner.Gid, modes.File))).ToList());
    }

    public void SetAttributes(string relativePath, int uid, int gid, PermissionMode mode)
    {
        var parts = relativePath.Split('/');
        if (parts.Length < 2)
        {
            throw new InvalidOperationException($"the model's releases directory never drifts: {relativePath}");
        }

        var stamp = ReleaseStamp.Parse(parts[1]);
        var release = _releases[stamp];
        var attributes = new EntryAttributes(uid, gid, mode);
        _releases[stamp] = parts.Length == 2
            ? release with { Attributes = attributes }
            : release with { Files = release.Files.Select(f => f.Name == parts[2] ? f with { Attributes = attributes } : f).ToList() };
    }

    /// <summary>A hand-made chmod of one file.</summary>
    public void Chmod(ReleaseStamp stamp, PermissionMode mode)
    {
        var release = _releases[stamp];
        var file = release.Files[0];
        SetAttributes($"releases/{stamp}/{file.Name}", file.Attributes.Uid, file.Attributes.Gid, mode);
    }

    public void SwitchCurrent(ReleaseStamp stamp)
    {
        if (!_releases.ContainsKey(stamp))
        {
            throw new IOException($"release {stamp} is not on the host");
        }

        Current = stamp;
    }

    public void DeleteRelease(ReleaseStamp stamp)
    {
        BeforeDelete?.Invoke(stamp);
        if (Current == stamp)
        {
            throw new InvalidOperationException("the host adapter refuses to delete the live release");
        }

        _releases.Remove(stamp);
    }

    public void DeleteStaging(string name)
    {
    }
}
