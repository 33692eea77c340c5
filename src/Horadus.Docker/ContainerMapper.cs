using System.Globalization;
using Docker.DotNet.Models;
using Horadus.Core.Services;

namespace Horadus.Docker;

/// <summary>Turns an inspect response into the core's record. Environment values stop here: names and <c>*_FILE</c> paths only.</summary>
internal static class ContainerMapper
{
    public static ObservedContainer ToObserved(ContainerInspectResponse inspect, IReadOnlyCollection<string> secretVariables, BindSourceResolver resolver)
    {
        var env = inspect.Config?.Env;
        var mountPoints = inspect.Mounts ?? [];
        var resolved = resolver.Resolve(inspect.ID, inspect.State?.Running == true ? inspect.State.Pid : 0, mountPoints.Select(m => m.Destination));
        var mounts = mountPoints
            .Select(m => new ContainerMount(m.Source, m.Destination, !m.RW, resolved.GetValueOrDefault(m.Destination)))
            .ToList();

        return new ObservedContainer(
            inspect.ID,
            inspect.Name.TrimStart('/'),
            inspect.Config?.Image ?? inspect.Image,
            StateOf(inspect.State?.Status),
            HealthOf(inspect.State?.Health?.Status),
            (int)Math.Min(inspect.RestartCount, int.MaxValue),
            StartedAt(inspect.State?.StartedAt),
            mounts,
            EnvironmentEntries.FileVariables(env),
            EnvironmentEntries.RawSecretNames(env, secretVariables),
            new Dictionary<string, string>(inspect.Config?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            ExitCodeOf(inspect.State),
            PublishedPorts: PublishedPorts(inspect.HostConfig),
            FinishedAt: inspect.State?.Running == true ? null : StartedAt(inspect.State?.FinishedAt));
    }

    /// <summary>
    /// The code of the last exit, while the engine still knows it: it reports 0 for a container that never exited, and resets
    /// the code when a restart policy starts the container again, so only an exited, dead or restarting one has a real code.
    /// </summary>
    public static long? ExitCodeOf(State? state) =>
        state?.Status is "exited" or "dead" or "restarting" ? state.ExitCode : null;

    public static ContainerState StateOf(string? status) => status switch
    {
        "created" => ContainerState.Created,
        "running" => ContainerState.Running,
        "restarting" => ContainerState.Restarting,
        "paused" => ContainerState.Paused,
        "exited" => ContainerState.Exited,
        "dead" => ContainerState.Dead,
        _ => ContainerState.Unknown,
    };

    public static ContainerHealth HealthOf(string? status) => status switch
    {
        "starting" => ContainerHealth.Starting,
        "healthy" => ContainerHealth.Healthy,
        "unhealthy" => ContainerHealth.Unhealthy,
        _ => ContainerHealth.None,
    };

    /// <summary>The host ports a container publishes, as <c>docker port</c> would name them (<c>8000/tcp</c>).</summary>
    public static IReadOnlyList<string> PublishedPorts(HostConfig? host) =>
        (host?.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
            .Where(p => p.Value is { Count: > 0 })
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The engine writes year 1 for a container never started (or never stopped).</summary>
    public static DateTimeOffset? StartedAt(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1
            ? at.ToUniversalTime()
            : null;
}
