using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

/// <summary>Write a whole release: staging directory, files with final mode and owner, fsync, rename.</summary>
public sealed record CreateRelease(ReleaseStamp Stamp, IReadOnlyList<string> Files) : Operation;
