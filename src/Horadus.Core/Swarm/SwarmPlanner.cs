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
    /// <param name="gateInSync">The target is not proven yet: a service already on it is gated again (an earlier run stopped before its verdict).</param>
    /// <param name="valuesOf">The release <paramref name="files"/> hold the values of (the manifest's); when the target is another
    /// one (the manifest's failed before), its versions must already exist: they are never made from other values.</param>
    public static SwarmPlan Plan(
        IReadOnlyList<DesiredFile> files,
        IReadOnlyList<ServiceSpec> services,
        SwarmSnapshot swarm,
        ReleaseStamp target,
        IReadOnlySet<ReleaseStamp> retained,
        bool gateInSync = false,
        ReleaseStamp? valuesOf = null)
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

        var creates = (valuesOf ?? target) == target ? PlanSecrets(files, swarm, target, diagnostics) : RequireVersions(files, swarm, target, diagnostics);
        var updates = PlanServices(files, swarmServices, services, swarm, target, gateInSync, diagnostics);
        diagnostics.AddRange(SwarmDrift.Find(files, swarmServices, swarm, target));
        var updated = updates.Where(u => u.Action == ChangeAction.Update).Select(u => ((UpdateSwarmService)u.Operation).SwarmService).ToHashSet(StringComparer.Ordinal);
        var removes = diagnostics.Any(d => d.IsError) ? [] : PlanRemovals(swarm, target, retained, updated);
        return new(creates, updates, removes, diagnostics);
    }

    /// <summary>
    /// Going back to <paramref name="to"/>: a service whose previous spec is on it returns there (Swarm's own rollback, which
    /// keeps the update config); one that Swarm already brought back is gated; any other is updated to <paramref name="to"/>'s versions.
    /// </summary>
    public static (IReadOnlyList<Change> Changes, IReadOnlyList<Diagnostic> Diagnostics) PlanRollback(
        IReadOnlyList<DesiredFile> files,
        IReadOnlyList<ServiceSpec> services,
        SwarmSnapshot swarm,
        ReleaseStamp to)
    {
        var swarmServices = services.Where(s => s.Swarm is not null).ToList();
        if (swarmServices.Count == 0 || !swarm.IsManager)
        {
            return ([], []);
        }

        var waves = ServicePlanner.Waves(services);
        var wanted = Versions(files, to).Values.ToHashSet(StringComparer.Ordinal);
        var changes = new List<Change>();
        var diagnostics = new List<Diagnostic>();
        foreach (var spec in swarmServices.OrderBy(s => waves[s.Name]).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var observed = swarm.Find(spec.Swarm!, out _);
            if (observed is null)
            {
                continue;
            }

            var address = Addresses.SwarmService(spec.Name);
            var current = observed.Current.Select(r => r.SecretName).ToHashSet(StringComparer.Ordinal);
            var previous = observed.Previous.Select(r => r.SecretName).ToHashSet(StringComparer.Ordinal);
            var before = ReleasesOf(observed.Current, swarm);
            var rolledBack = observed.UpdateStatus is SwarmUpdateStatus.RollbackStarted or SwarmUpdateStatus.RollbackPaused or SwarmUpdateStatus.RollbackCompleted;
            if (wanted.IsSubsetOf(current) && (observed.LabelledRelease == to.Value || rolledBack))
            {
                // One Swarm rolled back is gated whatever it looks like: a task `running` is a started process, not yet
                // an app answering its HTTP gate.
                if (rolledBack || !TasksOnSpec(observed, wanted) || observed.UpdateStatus is not (SwarmUpdateStatus.Completed or SwarmUpdateStatus.None))
                {
                    changes.Add(new Change(ChangeAction.Check, address, before, to.Value, "its spec is back on the release (Swarm rolled it back itself): gated",
                        new RollbackSwarmService(spec.Name, observed.Name, string.Empty, waves[spec.Name])));
                }
            }
            else if (wanted.IsSubsetOf(previous) && observed.LabelledRelease is { } failed)
            {
                changes.Add(new Change(ChangeAction.Update, address, before, to.Value, $"its previous spec references release {to}: back to it",
                    new RollbackSwarmService(spec.Name, observed.Name, failed, waves[spec.Name])));
            }
            else if (wanted.All(name => swarm.Secret(name) is not null))
            {
                changes.Add(new Change(ChangeAction.Update, address, before, to.Value, $"{observed.Tasks.Count} task(s) get the secret versions of release {to} again",
                    new UpdateSwarmService(spec.Name, observed.Name, observed.Version, to.Value, waves[spec.Name])));
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(
                    $"swarm service '{observed.Name}' cannot go back to release {to}: its secret versions are gone ({string.Join(", ", wanted.Where(n => swarm.Secret(n) is null).Order(StringComparer.Ordinal))})",
                    "apply a release that is on the host instead (`horadus status` lists them)",
                    address: address));
            }
        }

        return (changes, diagnostics);
    }

    /// <summary>The secret names a service's spec must reference for <paramref name="release"/>, by file.</summary>
    public static IReadOnlyDictionary<string, string> Versions(IEnumerable<DesiredFile> files, ReleaseStamp release) =>
        files.ToDictionary(f => f.Name, f => SwarmSecretName.For(f.Name, release), StringComparer.Ordinal);

    private static List<Change> RequireVersions(IReadOnlyList<DesiredFile> files, SwarmSnapshot swarm, ReleaseStamp target, List<Diagnostic> diagnostics)
    {
        foreach (var name in Versions(files, target).Values.Where(n => swarm.Secret(n) is not { Managed: true }))
        {
            diagnostics.Add(Diagnostic.Error(
                $"release {target} stays live, but its swarm secret '{name}' is gone (or not Horadus's), and the manifest holds another release's values",
                "choose a new release stamp for the manifest's values",
                address: Addresses.SwarmSecret(name)));
        }

        return [];
    }

    private static List<Change> PlanSecrets(IReadOnlyList<DesiredFile> files, SwarmSnapshot swarm, ReleaseStamp target, List<Diagnostic> diagnostics)
    {
        var creates = new List<Change>();
        var fingerprints = SwarmFingerprints.Of(files);
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
            else if (existing.Fingerprint != fingerprints[file.Name])
            {
                diagnostics.Add(Diagnostic.Error(
                    $"swarm secret '{name}' was made from other values than the manifest's for release {target} (fingerprint {Short(existing.Fingerprint)}, desired {Short(fingerprints[file.Name])}; " +
                    "the fingerprints of a release's versions are keyed by all its values, so one changed value changes them all)",
                    "a swarm secret cannot change: new values need a new release stamp",
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
        bool gateInSync,
        List<Diagnostic> diagnostics)
    {
        var waves = ServicePlanner.Waves(services);
        var wanted = Versions(files, target).Values.ToHashSet(StringComparer.Ordinal);
        var updates = new List<Change>();
        foreach (var spec in swarmServices)
        {
            var observed = swarm.Find(spec.Swarm!, out var problem);
            if (observed is null)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"service '{spec.Name}': {problem}",
                    "check swarm.service, swarm.stack or swarm.labels against `docker service ls` on the manager",
                    address: Addresses.SwarmService(spec.Name)));
                continue;
            }

            var referenced = observed.Current.Select(r => r.SecretName).ToHashSet(StringComparer.Ordinal);
            var before = ReleasesOf(observed.Current, swarm);
            var inSync = wanted.IsSubsetOf(referenced) && observed.LabelledRelease == target.Value;
            var tasksSettled = observed.UpdateStatus is not (SwarmUpdateStatus.Updating or SwarmUpdateStatus.Paused or SwarmUpdateStatus.RollbackStarted or SwarmUpdateStatus.RollbackPaused);
            var settled = inSync && tasksSettled && TasksOnSpec(observed, wanted);
            if (settled && !gateInSync)
            {
                continue;
            }

            var reason = !inSync ? $"{observed.Tasks.Count} task(s) get the secret versions of release {target}"
                : settled ? $"its spec references release {target}, which never passed its gates (an earlier run stopped before its verdict): gated"
                : "its spec already references the release, but the update did not settle: gated again";
            updates.Add(new Change(inSync ? ChangeAction.Check : ChangeAction.Update, Addresses.SwarmService(spec.Name), before, target.Value, reason,
                new UpdateSwarmService(spec.Name, observed.Name, observed.Version, target.Value, waves[spec.Name])));
        }

        return updates.OrderBy(c => ((UpdateSwarmService)c.Operation).Wave).ThenBy(c => c.Address, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every task the orchestrator wants running runs the versions; failed tasks of an earlier attempt are history, not drift.</summary>
    private static bool TasksOnSpec(ObservedSwarmService service, HashSet<string> wanted) =>
        service.Tasks.Where(t => t.State != SwarmTaskState.Failed).All(t => t.State == SwarmTaskState.Running && wanted.IsSubsetOf(t.SecretNames) && t.Healthy != false);

    /// <summary>A version goes only when no current or previous spec references it (moby/swarmkit#2509) and retention lets its release go.</summary>
    /// <param name="updated">Services this plan updates: once it is proven (removals wait for the verdict), their previous spec is today's current one.</param>
    private static List<Change> PlanRemovals(SwarmSnapshot swarm, ReleaseStamp target, IReadOnlySet<ReleaseStamp> retained, IReadOnlySet<string> updated)
    {
        var inUse = swarm.Services
            .SelectMany(s => updated.Contains(s.Name) ? s.Current : s.Current.Concat(s.Previous))
            .Select(r => r.SecretId)
            .ToHashSet(StringComparer.Ordinal);
        return swarm.Secrets
            .Where(s => s.Managed && !inUse.Contains(s.Id))
            .Where(s => !ReleaseStamp.TryParse(s.Release, out var release) || (release != target && !retained.Contains(release)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new Change(ChangeAction.Delete, Addresses.SwarmSecret(s.Name), Short(s.Fingerprint), null,
                $"release {s.Release ?? "(none)"} is no longer kept and no service spec, current or previous (once this plan's updates are done), references it",
                new RemoveSwarmSecret(s.Id, s.Name)))
            .ToList();
    }

    /// <summary>The releases a spec's references belong to, from our labels; "(none)" before the first Horadus update.</summary>
    public static string ReleasesOf(IEnumerable<SwarmSecretReference> references, SwarmSnapshot swarm) =>
        ReleasesOf(references.Select(r => swarm.Secrets.FirstOrDefault(s => s.Id == r.SecretId)));

    /// <summary>The releases of these secrets (null: not found), from our labels; "(none)" when none is ours.</summary>
    public static string ReleasesOf(IEnumerable<ObservedSwarmSecret?> secrets)
    {
        var releases = secrets
            .Where(s => s is { Managed: true, Release: not null })
            .Select(s => s!.Release!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return releases.Count == 0 ? "(none)" : string.Join(",", releases);
    }

    private static string Short(string? fingerprint) => fingerprint is { Length: >= 12 } ? "hmac:" + fingerprint[..12] : "(no fingerprint)";
}
