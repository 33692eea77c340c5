namespace Horadus.Core.Ports;

/// <summary>
/// One fetched revision of the manifest: the checked-out tree, the manifest file inside it, the commit it is, the ref
/// it was reached from (<c>refs/heads/main</c>, <c>refs/tags/v1</c>, or the commit itself when a commit was asked for),
/// and the signature that was verified (null when verification is off).
/// </summary>
public sealed record ManifestRevision(string TreePath, string ManifestPath, string Commit, string Ref, CommitSignature? Signature);
