namespace Horadus.Core.Desired;

/// <summary>How the manifest names an owner id: a number, or a user of an image resolved as the runbook does.</summary>
public abstract record OwnerSpec;
