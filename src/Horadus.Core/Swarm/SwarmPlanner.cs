using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;
using Horadus.Core.Services;

namespace Horadus.Core.Swarm;

/// <summary>
/// Plans the swarm services of a manifest: one immutable secret version per file and release, one service update per
/// service (in the waves of <c>after:</c>), and the removal of versions no spec can return to. Pure: same inputs, same plan.
/// </summary>
public static class SwarmPlanner
{
    /// <param name="target">The release the swarm services must reference.</param>
    /// <param name="retained">Releases whose secret versions retention keeps (the live one, the target, the kept good ones).</param>
    public static SwarmPlan Plan(
        IReadOnlyList<DesiredFile> files,
        IReadOnlyList<ServiceSpec> services,
        SwarmSnapshot swarm,
        ReleaseStamp target,
        IReadOnlySet<ReleaseStamp> retained)
    {
        var swarmServices = services.Where(s => s.Swarm is not null).ToList();
        if (swarmServices.Count == 0)
        {
            return new([], [], [], []);
        }

        var diagnostics = new List<Diagnostic>();
        if (!swarm.IsManager)
        {
            diagnostics.AddRange(swarmServices.Select(s => Diagnostic.Error(
                $"service '{s.Name}' is a swarm service, but the Docker engine is not a swarm manager",
                "run horadus against a manager node (DOCKER_HOST), or declare the service with compose: or labels:",
                address: Addresses.Service(s.Name))));
            return new([], [], [], diagnostics);
        }

        var creates = PlanSecrets(files, swarm, target, diagnostics);
        var updates = PlanServices(files, swarmServices, services, swarm, target, diagnostics);
        diagnostics.AddRange(SwarmDrift.Find(files, swarmServices, swarm, target));
        var removes = diagnostics.Any(d => d.IsError) ? [] : PlanRemovals(swarm, target, retained);
        return new(creates, updates, removes, diagnostics);
    }

    /// <summary>The secret names a service's spec must reference for <paramref name="release"/>, by file.</summary>
    public static IReadOnlyDictionary<string, string> Versions(IEnumerable<DesiredFile> files, ReleaseStamp release) =>
        files.ToDictionary(f => f.Name, f => SwarmSecretName.For(f.Name, release), StringComparer.Ordinal);

    private static List<Change> PlanSecrets(IReadOnlyList<DesiredFile> files, SwarmSnapshot swarm, ReleaseStamp target, List<Diagnostic> diagnostics)
    {
        var creates = new List<Change>();
        foreach (var file in files)
        {
            var name = SwarmSecretName.For(file.Name, target);
            var existing = swarm.Secret(name);
            if (existing is null)
            {
                creates.Add(new Change(ChangeAction.Create, Addresses.SwarmSecret(name), null, file.Value.Digest.Short,
                    $"version of {file.Name} for release {target}", new CreateSwarmSecret(file.Name, name, target.Value)));
            }
            else if (!existing.Managed || existing.Release != target.Value || existing.File != file.Name)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"a swarm secret named '{name}' exists and was not made by Horadus for this file and release; nothing is created",
                    "remove or rename it (docker secret rm), or choose another release stamp",
                    address: Addresses.SwarmSecret(name)));
            }
            else if (existing.Fingerprint != file.Value.Digest.HmacHex)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"swarm secret '{name}' holds another value than the manifest's for release {target} (fingerprint {Short(existing.Fingerprint)}, desired {file.Value.Digest.Short})",
                    "a swarm secret cannot change: a new value needs a new release stamp",
                    address: Addresses.SwarmSecret(name)));
            }
        }

        return creates;
    }

    private static List<Change> PlanServices(
        IReadOnlyList<DesiredFile> files,
        List<ServiceSpec> swarmServices,
        IReadOnlyList<ServiceSpec> services,
        SwarmSnapshot swarm,
        ReleaseStamp target,
        List<Diagnostic> diagnostics)
    {
        var waves = ServicePlanner.Waves(services);
        var wanted = Versions(files, target).Values.ToHashSet(StringComparer.Ordinal);
        var updates = new List<Change>();
        foreach (var spec in swarmServices)
        {
            var observed = swarm.Service(spec.Swarm!.Service);
            if (observed is null)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"service '{spec.Name}': no swarm service named '{spec.Swarm.Service}'",
                    "check swarm.service against `docker service ls` on the manager",
                    address: Addresses.SwarmService(spec.Name)));
                continue;
            }

            var referenced = observed.Current.Select(r => r.SecretName).ToHashSet(StringComparer.Ordinal);
            var before = ReleasesOf(observed.Current, swarm);
            var inSync = wanted.IsSubsetOf(referenced) && observed.LabelledRelease == target.Value;
            var tasksSettled = observed.UpdateStatus is not (SwarmUpdateStatus.Updating or SwarmUpdateStatus.Paused or SwarmUpdateStatus.RollbackStarted or SwarmUpdateStatus.RollbackPaused);
            if (inSync && tasksSettled && TasksOnSpec(observed, wanted))
            {
                continue;
            }

            var reason = inSync
                ? "its spec already references the release, but the update did not settle: gated again"
                : $"{observed.Tasks.Count} task(s) get the secret versions of release {target}";
            updates.Add(new Change(ChangeAction.Update, Addresses.SwarmService(spec.Name), before, target.Value, reason,
                new UpdateSwarmService(spec.Name, observed.Name, observed.Version, target.Value, waves[spec.Name])));
        }

        return updates.OrderBy(c => ((UpdateSwarmService)c.Operation).Wave).ThenBy(c => c.Address, StringComparer.Ordinal).ToList();
    }

    private static bool TasksOnSpec(ObservedSwarmService service, HashSet<string> wanted) =>
        service.Tasks.All(t => t.State == SwarmTaskState.Running && wanted.IsSubsetOf(t.SecretNames) && t.Healthy != false);

    /// <summary>A version goes only when no current or previous spec references it (moby/swarmkit#2509) and retention lets its release go.</summary>
    private static List<Change> PlanRemovals(SwarmSnapshot swarm, ReleaseStamp target, IReadOnlySet<ReleaseStamp> retained)
    {
        var inUse = swarm.Services
            .SelectMany(s => s.Current.Concat(s.Previous))
            .Select(r => r.SecretId)
            .ToHashSet(StringComparer.Ordinal);
        return swarm.Secrets
            .Where(s => s.Managed && !inUse.Contains(s.Id))
            .Where(s => !ReleaseStamp.TryParse(s.Release, out var release) || (release != target && !retained.Contains(release)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new Change(ChangeAction.Delete, Addresses.SwarmSecret(s.Name), Short(s.Fingerprint), null,
                $"release {s.Release ?? "(none)"} is no longer kept and no service spec, current or previous, references it",
                new RemoveSwarmSecret(s.Id, s.Name)))
            .ToList();
    }

    /// <summary>The releases a spec's references belong to, from our labels; "(none)" before the first Horadus update.</summary>
    public static string ReleasesOf(IEnumerable<SwarmSecretReference> references, SwarmSnapshot swarm)
    {
        var releases = references
            .Select(r => swarm.Secrets.FirstOrDefault(s => s.Id == r.SecretId))
            .Where(s => s is { Managed: true, Release: not null })
            .Select(s => s!.Release!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return releases.Count == 0 ? "(none)" : string.Join(",", releases);
    }

    private static string Short(string? fingerprint) => fingerprint is { Length: >= 12 } ? "hmac:" + fingerprint[..12] : "(no fingerprint)";
}
