namespace Horadus.Core.Desired;

/// <summary>One secret file of the release: its name in the release directory and the variable that points at it.</summary>
public sealed record DesiredFile(string Name, string Variable, SecretValue Value);
