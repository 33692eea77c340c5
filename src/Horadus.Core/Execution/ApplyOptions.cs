using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>Settings of one apply.</summary>
public sealed record ApplyOptions(TimeSpan LockTimeout, string? Revision = null, PlanOptions? Plan = null);
