using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

public sealed record DeleteRelease(ReleaseStamp Stamp) : Operation;
