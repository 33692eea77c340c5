namespace Horadus.Core.Ports;

/// <summary>
/// Where the manifest comes from when it is not a file the operator points at: a repository the daemon fetches each
/// cycle. <see cref="FetchAsync"/> brings the cache up to date with the configured ref and returns the exact revision
/// checked out; the tree stays as returned until the next fetch of the same source. Failures are
/// <see cref="ManifestSourceException"/>s whose <see cref="ManifestSourceException.Kind"/> tells a daemon whether to back
/// off and retry (<see cref="ManifestSourceFailure.Transient"/>) or to stop applying and report.
/// </summary>
public interface IManifestSource : IDisposable
{
    Task<ManifestRevision> FetchAsync(CancellationToken cancellationToken);
}
