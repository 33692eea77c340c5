namespace Horadus.Core.Watching;

/// <summary>An operator's "hands off": the daemon detects and reports, and changes nothing, until resumed.</summary>
public sealed record Suspension(string Reason, string By, DateTimeOffset Since);
