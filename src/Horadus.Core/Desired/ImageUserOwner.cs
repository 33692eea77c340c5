namespace Horadus.Core.Desired;

/// <summary>The runbook's <c>docker run --rm --entrypoint id IMAGE USER</c>.</summary>
public sealed record ImageUserOwner(string Image, string User) : OwnerSpec;
