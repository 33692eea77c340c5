namespace Horadus.Core.Services;

/// <summary>How a service's containers are found: compose labels, or an explicit label selector.</summary>
public sealed record ContainerSelector(IReadOnlyDictionary<string, string> Labels)
{
    public const string ComposeProjectLabel = "com.docker.compose.project";
    public const string ComposeServiceLabel = "com.docker.compose.service";

    public static ContainerSelector Compose(string project, string service) => new(new Dictionary<string, string>
    {
        [ComposeProjectLabel] = project,
        [ComposeServiceLabel] = service,
    });

    public override string ToString() => string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}

/// <summary>An HTTP probe: the service is healthy when the URL answers the expected status (and body text).</summary>
public sealed record HttpGate(Uri Url, int ExpectStatus, string? ExpectBody, TimeSpan Timeout, TimeSpan Interval);

/// <summary>The checks a recreated service must pass before the rotation goes on, and how long they may take.</summary>
public sealed record HealthGates(
    HttpGate? Http,
    bool ContainerHealthcheck,
    TimeSpan StableFor,
    IReadOnlyList<string> LogFailurePatterns,
    TimeSpan Deadline)
{
    public static HealthGates Default { get; } = new(null, true, TimeSpan.FromSeconds(3), [], TimeSpan.FromSeconds(60));
}

/// <summary>The runbook's pre-flight: a one-off container of the service image with the new release mounted.</summary>
/// <param name="Entrypoint">
/// Replaces the service's entrypoint for the pre-flight, as <c>docker compose run --entrypoint</c> (empty: none at all);
/// null keeps it, so <paramref name="Command"/> is passed to it as arguments.
/// </param>
public sealed record PreflightCommand(IReadOnlyList<string> Command, string? ExpectOutput, TimeSpan Timeout, IReadOnlyList<string>? Entrypoint = null);

/// <summary>A service that consumes the secrets through a read-only bind mount of <c>current</c>.</summary>
public sealed record ServiceSpec(
    string Name,
    ContainerSelector Selector,
    string MountPath,
    TimeSpan StopTimeout,
    IReadOnlyList<string> After,
    HealthGates Health,
    PreflightCommand? Preflight);
