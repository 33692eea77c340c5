using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

/// <summary>Record a live release that has nothing to gate (no service, or services not started yet) as proven.</summary>
public sealed record ConfirmRelease(ReleaseStamp Stamp) : Operation;
