using Horadus.Core.Desired;

namespace Horadus.Core.Planning;

/// <summary>The runbook's pre-flight: a one-off container like the service's, with the new release mounted, before <c>current</c> moves.</summary>
public sealed record RunPreflight(string Service, ReleaseStamp Stamp) : Operation;
