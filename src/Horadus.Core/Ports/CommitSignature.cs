namespace Horadus.Core.Ports;

/// <summary>A commit signature that was checked and accepted: who signed (the allowed-signers principal) with which key.</summary>
public sealed record CommitSignature(string Principal, string KeyFingerprint);
