using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Services;

namespace Horadus.Core.Planning;

/// <summary>
/// Which consumers must be recreated, and in which wave. A bind mount of <c>current</c> is resolved when the
/// container starts, so a container started before <c>current</c> moved still shows the old release: that is drift.
/// </summary>
public static class ServicePlanner
{
    /// <param name="target">The release the services must run when the plan is done.</param>
    /// <param name="switching">Whether <c>current</c> moves to <paramref name="target"/> in this plan.</param>
    /// <param name="proven">Whether <paramref name="target"/> already passed its gates: if not, containers already on it are gated.</param>
    /// <param name="bootstrap">A service with no container is the first deployment, not an error.</param>
    /// <param name="rollback">Every container set aside comes back, whatever runs now: the way a rollback undoes a rollout.</param>
    /// <param name="unsettledSince">
    /// When the last run started, if it did not end cleanly: a service that reloads may then hold another release than
    /// current's, and is told again; a container started since (a restart policy brought it back after it died of the
    /// signal, say) read whatever current named then, and is restarted instead, so that it reads it now.
    /// </param>
    public static ServicePlan Plan(
        DesiredState desired,
        IReadOnlyList<ObservedService> observed,
        ReleaseStamp target,
        bool switching,
        bool proven,
        bool bootstrap,
        bool rollback = false,
        DateTimeOffset? unsettledSince = null)
    {
        var restores = new List<Change>();
        var rollout = new List<Change>();
        var removals = new List<Change>();
        var diagnostics = new List<Diagnostic>();
        var waves = Waves(desired.Services);

        // Swarm services have no containers of ours to recreate: SwarmPlanner updates them.
        foreach (var spec in desired.Services.Where(s => s.Swarm is null).OrderBy(s => waves[s.Name]).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var address = Addresses.Service(spec.Name);
            var service = observed.FirstOrDefault(o => o.Name == spec.Name);
            var own = service?.Own ?? [];
            var running = own.Where(c => c.State is ContainerState.Running or ContainerState.Restarting).ToList();
            var onTarget = running.Where(c => ShownRelease(desired.SecretsRoot, spec, c, target, switching) == target && !WiringReasons(desired, spec, c).Any()).ToList();
            if (spec.Reload is not null)
            {
                diagnostics.Add(Diagnostic.Warning(
                    $"service '{spec.Name}' reloads: it mounts the whole secrets root at {spec.MountPath}, so its containers can read every kept release " +
                    $"(up to {desired.Retention.KeepPrevious} previous), not only the live one",
                    "that is what lets it reload without a restart; retention.keep_previous bounds what it sees; " +
                    $"{SecretsTree.StateDirectory}/ is mode 700 and stays unreadable to a container that does not run as root",
                    address));
            }

            // Containers an unfinished run set aside: removed once their replacement runs the target, else brought back.
            var replaced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var aside in service?.SetAside ?? [])
            {
                if (!rollback && onTarget.Count > 0 && onTarget.Count == running.Count)
                {
                    removals.Add(new Change(ChangeAction.Delete, address, $"container {aside.Name} ({State(aside)}, set aside)", null,
                        "set aside by a run that did not finish; its replacement runs the target release", new RemoveSetAside(spec.Name, aside.Id, aside.Name)));
                    continue;
                }

                var replacement = own.FirstOrDefault(c => c.Name == aside.OriginalName);
                if (replacement is not null)
                {
                    replaced.Add(replacement.Id);
                }

                restores.Add(new Change(ChangeAction.Replace, address,
                    $"container {aside.Name} ({State(aside)}, set aside)" + (replacement is null ? string.Empty : $", replacement {replacement.Name} ({State(replacement)})"),
                    $"container {aside.OriginalName ?? aside.Name} restored on release {target}",
                    replacement is null ? "the service has no running container: the one set aside comes back" : "its replacement does not run the target release: the container set aside comes back",
                    new RestoreSetAside(spec.Name, aside.Id, aside.Name, aside.OriginalName ?? aside.Name, replacement?.Id)));
            }

            var containers = own.Where(c => !replaced.Contains(c.Id)).ToList();
            if (containers.Count == 0)
            {
                if (replaced.Count == 0 && (service?.SetAside.Count ?? 0) == 0)
                {
                    diagnostics.Add(bootstrap
                        ? Diagnostic.Info($"no container matches service '{spec.Name}' ({spec.Selector}) yet: it reads release {target} when it is first started", address: address)
                        : Diagnostic.Error(
                            $"no container matches service '{spec.Name}' ({spec.Selector})",
                            "check the selector for a typo (`docker ps --filter label=...`); for a first deployment start the services once " +
                            "(`docker compose up -d`) or pass --bootstrap, and the release goes live for them to read when they start",
                            address: address));
                }

                continue;
            }

            var reasons = new SortedSet<string>(StringComparer.Ordinal);
            var mounted = new SortedSet<string>(StringComparer.Ordinal);
            var toRecreate = new List<ObservedContainer>();
            var toVerify = new List<ObservedContainer>();
            var toReload = new List<ObservedContainer>();
            var toRestart = new List<ObservedContainer>();
            foreach (var container in containers)
            {
                foreach (var raw in container.RawSecretVariables)
                {
                    diagnostics.Add(Diagnostic.Warning(
                        $"container {container.Name} passes a secret as a raw environment value: {raw}",
                        $"policy: secrets reach containers only as files; use {raw}_FILE",
                        address).WithCode(DiagnosticCodes.RawSecret));
                }

                var mountedRelease = MountedRelease(desired.SecretsRoot, spec, container);
                var wiring = WiringReasons(desired, spec, container).ToList();
                if (spec.Reload is not null && wiring.Count == 0 && unsettledSince is { } died && container.State is ContainerState.Exited && container.FinishedAt > died)
                {
                    // Stopped during a run that did not end: the reload signal killed it (the engine treats a signal it was
                    // asked to send as a stop, so no restart policy brings it back). Started again, it reads current.
                    toRestart.Add(container);
                    continue;
                }

                if (container.State is not (ContainerState.Running or ContainerState.Restarting))
                {
                    // Recreating starts the container: never start what someone stopped. Its mount of current is resolved
                    // when it is started again, so a stopped container cannot be stale.
                    diagnostics.Add(Diagnostic.Warning(
                        $"container {container.Name} is {State(container)}; Horadus does not recreate a container that is not running",
                        wiring.Count == 0 ? "when it is started again it mounts the release current names then" : $"fix it before starting it: {string.Join("; ", wiring)}",
                        address));
                    continue;
                }

                if (spec.Reload is not null && wiring.Count == 0)
                {
                    // It reads current as it is now; what it holds is what the last reload gave it: reload when current
                    // moves, and again when the release was never proven or the last run did not end (it died around a signal).
                    if (unsettledSince is { } since && container.StartedAt > since)
                    {
                        toRestart.Add(container);
                    }
                    else if (switching || !proven || unsettledSince is not null)
                    {
                        toReload.Add(container);
                    }

                    continue;
                }

                var containerReasons = ReleaseReasons(spec, container, mountedRelease, target, switching).Concat(wiring).ToList();
                if (containerReasons.Count > 0)
                {
                    toRecreate.Add(container);
                    mounted.Add(mountedRelease?.ToString() ?? "unknown");
                    reasons.UnionWith(containerReasons);
                }
                else if (!proven)
                {
                    toVerify.Add(container);
                }
            }

            if (spec.StartFirst && toRecreate.FirstOrDefault(c => c.PublishedPorts is { Count: > 0 }) is { } publishing)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"service '{spec.Name}' is start-first, but container {publishing.Name} publishes {string.Join(", ", publishing.PublishedPorts!)}: its replacement could not bind them while it runs",
                    "use order: stop-first for a service that listens on a port",
                    address: address));
                continue;
            }

            if (toRecreate.Count > 0)
            {
                rollout.Add(new Change(
                    ChangeAction.Replace,
                    address,
                    $"{toRecreate.Count} container(s) on release {string.Join(", ", mounted)}",
                    $"{toRecreate.Count} container(s) on release {target}",
                    string.Join("; ", reasons),
                    new RecreateService(spec.Name, toRecreate.Select(c => c.Id).ToList(), waves[spec.Name])));
            }

            if (toReload.Count > 0)
            {
                var signal = spec.Reload!.Signal is { } sent ? $"{sent} tells it" : "it notices by itself (reload: none)";
                rollout.Add(new Change(
                    ChangeAction.Update,
                    address,
                    $"{toReload.Count} container(s) reading current",
                    $"{toReload.Count} container(s) reloaded on release {target}",
                    switching ? $"current moves to {target}; {signal}, no container is recreated"
                    : !proven ? $"release {target} is live but its gates never passed (an earlier run stopped before its verdict): reloaded again"
                    : "the last run did not end: what the containers hold cannot be seen, so they are reloaded again",
                    new ReloadService(spec.Name, toReload.Select(c => c.Id).ToList(), waves[spec.Name], spec.Reload.Signal)));
            }

            if (toRestart.Count > 0)
            {
                rollout.Add(new Change(
                    ChangeAction.Update,
                    address,
                    $"{toRestart.Count} container(s) started or stopped during a run that did not end",
                    $"{toRestart.Count} container(s) restarted on release {target}",
                    "started or stopped since the last run began (killed by the reload signal, say): what it holds cannot be told; restarted, it reads current now",
                    new ReloadService(spec.Name, toRestart.Select(c => c.Id).ToList(), waves[spec.Name], null, Restart: true)));
            }

            if (toVerify.Count > 0)
            {
                rollout.Add(new Change(
                    ChangeAction.Check,
                    address,
                    $"{toVerify.Count} container(s) on release {target}, unproven",
                    "healthy",
                    $"release {target} is live but its gates never passed (an earlier run stopped before its verdict)",
                    new VerifyService(spec.Name, toVerify.Select(c => c.Id).ToList(), waves[spec.Name])));
            }
        }

        return new ServicePlan(restores, rollout, removals, diagnostics);
    }

    private static string State(ObservedContainer container) => container.State.ToString().ToLowerInvariant();

    /// <summary>
    /// One warning per container set aside by an apply that did not finish (<see cref="ObservedContainer.SetAside"/>), with
    /// what to do: when the service runs without it, remove it; when nothing of the service runs, put it back.
    /// Names and commands only: never an environment value.
    /// </summary>
    public static IReadOnlyList<Diagnostic> SetAsideDiagnostics(string service, IReadOnlyList<ObservedContainer> containers)
    {
        var address = Addresses.Service(service);
        var running = containers.Where(c => !c.SetAside && c.State is ContainerState.Running or ContainerState.Restarting).Select(c => c.Name).ToList();
        var diagnostics = new List<Diagnostic>();
        foreach (var aside in containers.Where(c => c.SetAside))
        {
            var state = aside.State.ToString().ToLowerInvariant();
            if (running.Count > 0)
            {
                diagnostics.Add(Diagnostic.Warning(
                    $"container {aside.Name} ({state}) was set aside by an apply that did not finish; its replacement runs ({string.Join(", ", running)}): remove it (docker rm {aside.Name})",
                    "Horadus never recreates, counts or starts a container set aside",
                    address));
                continue;
            }

            var original = aside.OriginalName ?? "<its original name>";
            var startAs = aside.OriginalName ?? aside.Name;
            var blocking = containers.FirstOrDefault(c => !c.SetAside && c.Name == aside.OriginalName);
            var first = blocking is null ? string.Empty : $"`docker rm {blocking.Name}` (its replacement, {blocking.State.ToString().ToLowerInvariant()}), then ";
            diagnostics.Add(Diagnostic.Warning(
                $"service {service} has no running container; {aside.Name} ({state}) was set aside by an apply that did not finish: " +
                $"{first}`docker rename {aside.Name} {original}` and `docker start {startAs}` it",
                "then `horadus plan` shows what is left to do (or `horadus rollback` goes back to the previous release); " +
                "a restart policy `always` was parked at `no` while it was aside: `docker update --restart always` gives it back",
                address));
        }

        return diagnostics;
    }

    /// <summary>The release a container really shows at the mount path, if it can be told.</summary>
    private static ReleaseStamp? MountedRelease(string secretsRoot, ServiceSpec spec, ObservedContainer container)
    {
        var mount = container.Mounts.FirstOrDefault(m => m.Destination == spec.MountPath);
        var prefix = secretsRoot.TrimEnd('/') + "/releases/";
        if (mount?.ResolvedSource is { } resolved && resolved.StartsWith(prefix, StringComparison.Ordinal) &&
            ReleaseStamp.TryParse(resolved[prefix.Length..].TrimEnd('/'), out var stamp))
        {
            return stamp;
        }

        return container.LabelledRelease;
    }

    /// <summary>
    /// The release a container shows: for one that reloads (the root mounted, wired through current), the one current names,
    /// which is <paramref name="target"/> unless current is about to move; otherwise the one its mount resolved to.
    /// </summary>
    private static ReleaseStamp? ShownRelease(string secretsRoot, ServiceSpec spec, ObservedContainer container, ReleaseStamp target, bool switching) =>
        ReadRelease(secretsRoot, spec, container, switching ? null : target);

    /// <summary>
    /// The release a container reads: <paramref name="current"/> for one that reloads (it mounts the root and reads through
    /// current; what it holds in memory is what it was last told, which cannot be seen), else the one its mount shows.
    /// </summary>
    public static ReleaseStamp? ReadRelease(string secretsRoot, ServiceSpec spec, ObservedContainer container, ReleaseStamp? current) =>
        spec.Reload is not null && MountsRoot(secretsRoot, spec, container) ? current : MountedRelease(secretsRoot, spec, container);

    /// <summary>
    /// Whether the mount at the service's path is the secrets root: as the engine recorded it (what Horadus gives a
    /// replacement) or as it resolved (the root reached through a linked parent folder).
    /// </summary>
    private static bool MountsRoot(string secretsRoot, ServiceSpec spec, ObservedContainer container)
    {
        var root = secretsRoot.TrimEnd('/');
        return container.Mounts.FirstOrDefault(m => m.Destination == spec.MountPath) is { } mount &&
               (mount.Source.TrimEnd('/') == root || mount.ResolvedSource?.TrimEnd('/') == root);
    }

    /// <summary>Why a running container does not show the live release.</summary>
    private static IEnumerable<string> ReleaseReasons(ServiceSpec spec, ObservedContainer container, ReleaseStamp? mounted, ReleaseStamp live, bool switching)
    {
        var mount = container.Mounts.FirstOrDefault(m => m.Destination == spec.MountPath);
        if (switching && mounted != live)
        {
            yield return $"current moves to {live}";
        }
        else if (mount is not null && mounted != live)
        {
            yield return $"stale release: mounts {mounted?.ToString() ?? "an unknown release"}, current is {live}";
        }
    }

    /// <summary>How a container's mount or <c>*_FILE</c> variables differ from the runbook's wiring, whatever release it shows.</summary>
    private static IEnumerable<string> WiringReasons(DesiredState desired, ServiceSpec spec, ObservedContainer container)
    {
        var mount = container.Mounts.FirstOrDefault(m => m.Destination == spec.MountPath);
        var mounted = spec.Reload is null ? "current" : "the secrets root";
        if (mount is null)
        {
            yield return $"missing mount of {mounted} at {spec.MountPath}";
        }
        else if (!mount.ReadOnly)
        {
            yield return $"mount at {spec.MountPath} is writable";
        }
        else if (spec.Reload is not null && !MountsRoot(desired.SecretsRoot, spec, container))
        {
            // A mount of current (or of a release) is pinned to what it resolved to at start: a reload would show nothing new.
            yield return $"reload needs the secrets root mounted at {spec.MountPath}, not {mount.ResolvedSource ?? mount.Source}";
        }

        foreach (var file in desired.Files)
        {
            var expected = SecretsLayout.FileInContainer(spec, file.Name);
            if (!container.FileVariables.TryGetValue(file.Variable, out var actual) || actual != expected)
            {
                yield return $"wiring differs: {file.Variable} should be {expected}";
            }
        }
    }

    /// <summary>Wave 0 has no prerequisites; a service runs in the wave after the last of those it comes after.</summary>
    public static IReadOnlyDictionary<string, int> Waves(IReadOnlyList<ServiceSpec> services)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var waves = new Dictionary<string, int>(StringComparer.Ordinal);

        int WaveOf(string name, int depth)
        {
            if (waves.TryGetValue(name, out var known))
            {
                return known;
            }

            // The manifest loader rejects cycles and unknown names; the depth guard keeps this total anyway.
            var wave = depth > services.Count || !byName.TryGetValue(name, out var spec)
                ? 0
                : spec.After.Select(a => WaveOf(a, depth + 1) + 1).DefaultIfEmpty(0).Max();
            waves[name] = wave;
            return wave;
        }

        foreach (var service in services)
        {
            WaveOf(service.Name, 0);
        }

        return waves;
    }
}
