namespace Horadus.Core.Services;

/// <summary>The runbook's pre-flight: a one-off container of the service image with the new release mounted.</summary>
/// <param name="Entrypoint">
/// Replaces the service's entrypoint for the pre-flight, as <c>docker compose run --entrypoint</c> (empty: none at all);
/// null keeps it, so <paramref name="Command"/> is passed to it as arguments.
/// </param>
public sealed record PreflightCommand(IReadOnlyList<string> Command, string? ExpectOutput, TimeSpan Timeout, IReadOnlyList<string>? Entrypoint = null);
