namespace Horadus.Core.Drift;

/// <summary>One difference, where it is, and why it is one: addresses and fingerprints, never a value.</summary>
public sealed record DriftItem(DriftKind Kind, string Address, string Reason);
