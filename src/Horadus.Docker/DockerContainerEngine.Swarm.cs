using System.Globalization;
using Docker.DotNet.Models;
using EngineTaskState = Docker.DotNet.Models.TaskState;
using Horadus.Core.Desired;
using Horadus.Core.Ports;
using Horadus.Core.Swarm;

namespace Horadus.Docker;

/// <summary>
/// <see cref="ISwarmEngine"/> on the same negotiated client: services, secrets and tasks of the manager this engine is.
/// A service's spec is read and written whole (Swarm has no partial update), so everything Horadus does not own in it is kept.
/// </summary>
public sealed partial class DockerContainerEngine : ISwarmEngine
{
    /// <summary>Written into a service's labels at each update Horadus makes: the release its secret references belong to.</summary>
    public const string ServiceReleaseLabel = "horadus.release";

    public async Task<SwarmSnapshot> ObserveAsync(IReadOnlyCollection<string> services, CancellationToken cancellationToken)
    {
        var info = await CallAsync("report whether it is a swarm manager", (c, ct) => c.System.GetSystemInfoAsync(ct), cancellationToken);
        if (info.Swarm is not { ControlAvailable: true })
        {
            return SwarmSnapshot.Empty;
        }

        var secrets = await CallAsync("list the swarm secrets", (c, ct) => c.Secrets.ListAsync(ct), cancellationToken);
        var all = await CallAsync("list the swarm services", (c, ct) => c.Swarm.ListServicesAsync(new ServiceListParameters(), ct), cancellationToken);
        var tasks = await CallAsync("list the swarm tasks", (c, ct) => c.Tasks.ListAsync(new TasksListParameters(), ct), cancellationToken);
        var observedSecrets = secrets
            .Select(s => new ObservedSwarmSecret(s.ID, s.Spec.Name ?? s.ID, s.Spec.Labels is { } labels ? labels.ToDictionary() : new Dictionary<string, string>()))
            .ToList();
        var byName = observedSecrets.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);

        // Every service, not only the manifest's: retention must see each reference to one of our versions.
        var observedServices = all.Select(s => ToObserved(s, tasks, byName)).ToList();
        return new SwarmSnapshot(true, observedServices, observedSecrets);
    }

    public Task<string> CreateSecretAsync(string name, SecretValue value, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        CallAsync(
            $"create swarm secret {name}",
            async (c, ct) =>
            {
                var data = value.Reveal().ToArray();
                try
                {
                    var spec = new SwarmSecretSpec { Name = name, Labels = labels.ToDictionary(), Data = data };
                    return (await c.Secrets.CreateAsync(spec, ct)).ID;
                }
                finally
                {
                    Array.Clear(data);
                }
            },
            cancellationToken);

    public async Task UpdateServiceAsync(string service, ulong version, IReadOnlyList<SwarmSecretReference> references, SwarmUpdateSettings update, string release, CancellationToken cancellationToken)
    {
        var current = await CallAsync($"inspect swarm service {service}", (c, ct) => c.Swarm.InspectServiceAsync(service, ct), cancellationToken);
        var spec = current.Spec;
        var container = spec?.TaskTemplate?.ContainerSpec
            ?? throw new ContainerEngineException($"Swarm service {service} has no container spec: Horadus manages only container services.");
        var targets = references.Select(r => r.TargetName).ToHashSet(StringComparer.Ordinal);
        var kept = (container.Secrets ?? []).Where(s => !targets.Contains(s.File?.Name ?? "")).ToList();
        container.Secrets = [.. kept, .. references.Select(r => new SecretReference
        {
            SecretID = r.SecretId,
            SecretName = r.SecretName,
            File = new SecretReferenceFileTarget { Name = r.TargetName, UID = r.Uid.ToString(CultureInfo.InvariantCulture), GID = r.Gid.ToString(CultureInfo.InvariantCulture), Mode = r.Mode },
        })];
        spec.UpdateConfig = new SwarmUpdateConfig
        {
            Parallelism = (ulong)update.Parallelism,
            Delay = update.Delay,
            Monitor = update.Monitor,
            FailureAction = "rollback",
            Order = update.Order == SwarmUpdateOrder.StartFirst ? "start-first" : "stop-first",
        };
        spec.RollbackConfig ??= new SwarmUpdateConfig { Parallelism = (ulong)update.Parallelism, Monitor = update.Monitor, Order = spec.UpdateConfig.Order };
        spec.Labels ??= new Dictionary<string, string>();
        spec.Labels[ServiceReleaseLabel] = release;
        await CallAsync(
            $"update swarm service {service}",
            (c, ct) => c.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters { Service = spec, Version = (long)version }, ct),
            cancellationToken);
    }

    public async Task RollbackServiceAsync(string service, CancellationToken cancellationToken)
    {
        var current = await CallAsync($"inspect swarm service {service}", (c, ct) => c.Swarm.InspectServiceAsync(service, ct), cancellationToken);
        await CallAsync(
            $"roll back swarm service {service}",
            (c, ct) => c.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters { Service = current.Spec ?? new ServiceSpec(), Version = (long)(current.Version?.Index ?? 0), Rollback = "previous" }, ct),
            cancellationToken);
    }

    public Task RemoveSecretAsync(string id, CancellationToken cancellationToken) =>
        CallAsync($"remove swarm secret {id}", (c, ct) => c.Secrets.DeleteAsync(id, ct), cancellationToken);

    public async Task<IReadOnlyList<string>> ServiceLogsAsync(string service, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var parameters = new ServiceLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Since = (since.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
        };
        return await CallAsync(
            $"read the logs of swarm service {service}",
            async (c, ct) =>
            {
                using var stream = await c.Swarm.GetServiceLogsAsync(service, false, parameters, ct);
                return await LogLines.ReadAsync(stream, ct);
            },
            cancellationToken);
    }

    private static ObservedSwarmService ToObserved(SwarmService service, IList<TaskResponse> tasks, Dictionary<string, string> secretNames)
    {
        var own = tasks
            .Where(t => t.ServiceID == service.ID && (t.DesiredState == EngineTaskState.Running || t.Status?.State is EngineTaskState.Failed or EngineTaskState.Rejected))
            .Select(t => new ObservedSwarmTask(
                t.ID,
                t.NodeID ?? "",
                TaskState(t.Status?.State),
                (t.Spec?.ContainerSpec?.Secrets ?? []).Select(r => r.SecretName).ToList(),
                t.Spec?.ContainerSpec?.Healthcheck is { Test.Count: > 0 } check && check.Test[0] != "NONE",
                Healthy: null,
                t.Status?.Err ?? t.Status?.Message,
                t.Status?.Timestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))
            .ToList();
        return new ObservedSwarmService(
            service.Spec?.Name ?? service.ID,
            service.ID,
            service.Version?.Index ?? 0,
            References(service.Spec, secretNames),
            References(service.PreviousSpec, secretNames),
            UpdateStatus(service.UpdateStatus?.State),
            own,
            service.Spec?.Labels is { } labels && labels.TryGetValue(ServiceReleaseLabel, out var release) ? release : null,
            service.Spec?.TaskTemplate?.ContainerSpec is { Image: { Length: > 0 } image } container
                ? new SwarmContainerTemplate(image, container.User, container.Env?.ToList() ?? [], container.Command is { Count: > 0 } command ? command.ToList() : null)
                : null,
            service.Spec?.Labels?.ToDictionary(StringComparer.Ordinal));
    }

    private static List<SwarmSecretReference> References(ServiceSpec? spec, Dictionary<string, string> secretNames) =>
        (spec?.TaskTemplate?.ContainerSpec?.Secrets ?? [])
            .Select(r => new SwarmSecretReference(
                r.SecretID,
                secretNames.GetValueOrDefault(r.SecretID) ?? r.SecretName,
                r.File?.Name ?? r.SecretName,
                uint.TryParse(r.File?.UID, CultureInfo.InvariantCulture, out var uid) ? uid : 0,
                uint.TryParse(r.File?.GID, CultureInfo.InvariantCulture, out var gid) ? gid : 0,
                (uint)(r.File?.Mode ?? 0)))
            .ToList();

    /// <summary>Swarm's task states reduced to the gate's: a task with a HEALTHCHECK stays <c>starting</c> until it is healthy.</summary>
    private static SwarmTaskState TaskState(EngineTaskState? state) => state switch
    {
        EngineTaskState.Running => SwarmTaskState.Running,
        EngineTaskState.Starting => SwarmTaskState.Starting,
        EngineTaskState.Failed or EngineTaskState.Rejected or EngineTaskState.Orphaned => SwarmTaskState.Failed,
        EngineTaskState.Complete or EngineTaskState.Shutdown or EngineTaskState.Remove => SwarmTaskState.Stopped,
        _ => SwarmTaskState.Pending,
    };

    private static SwarmUpdateStatus UpdateStatus(string? state) => state switch
    {
        "updating" => SwarmUpdateStatus.Updating,
        "paused" => SwarmUpdateStatus.Paused,
        "completed" => SwarmUpdateStatus.Completed,
        "rollback_started" => SwarmUpdateStatus.RollbackStarted,
        "rollback_paused" => SwarmUpdateStatus.RollbackPaused,
        "rollback_completed" => SwarmUpdateStatus.RollbackCompleted,
        _ => SwarmUpdateStatus.None,
    };
}
