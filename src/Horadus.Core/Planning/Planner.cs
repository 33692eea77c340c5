using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Core.Planning;

/// <summary>
/// The pure heart of Horadus: desired state x observed host -> plan. No I/O, no clock of its own:
/// the same inputs always give the same plan, and an apply followed by a plan gives an empty one.
/// </summary>
public static class Planner
{
    public static Plan Plan(
        DesiredState desired,
        ObservedSnapshot observed,
        IReadOnlyList<ObservedService> services,
        ReleaseLedger ledger,
        DateTimeOffset now,
        PlanOptions? options = null,
        SwarmSnapshot? swarm = null)
    {
        options ??= PlanOptions.Default;
        swarm ??= SwarmSnapshot.Empty;
        var diagnostics = new List<Diagnostic>(observed.Problems);
        var facts = DesiredFacts(desired);
        Plan Refused() => new(desired.SecretsRoot, desired.Stamp, [], diagnostics, observed.Facts(), facts);

        if (diagnostics.Any(d => d.IsError))
        {
            return Refused();
        }

        var target = ReleaseLifecycle.Target(desired.Stamp, ledger, observed, options.RetryFailed);
        var byOperator = options.RetryFailed && ledger.IsFailed(desired.Stamp);
        if (target != desired.Stamp)
        {
            var standing = ledger.Standing(desired.Stamp)!;
            diagnostics.Add(Diagnostic.Warning(
                $"release {desired.Stamp} failed before and is not applied again by itself" + (target is { } kept ? $"; {kept}, the last good release, stays live" : "; no good release is left to keep live"),
                $"{standing.FailureReason}; choose a new release stamp, or pass --retry-failed to try it again",
                Addresses.Release(desired.Stamp)));
        }

        if (!observed.RootExists)
        {
            diagnostics.Add(Diagnostic.Info($"the secrets root {desired.SecretsRoot} does not exist yet: apply creates it (mode {desired.Modes.ReleasesDirectory})", address: Addresses.Root));
        }

        var housekeeping = observed.StagingLeftovers.Order(StringComparer.Ordinal).Select(name =>
            new Change(ChangeAction.Delete, Addresses.Staging(name), "incomplete release", null, "left behind by an interrupted apply", new DeleteStaging(name))).ToList();
        if (observed.ReleasesDirectory is { } releasesDir)
        {
            var wanted = new EntryAttributes(desired.ReleasesOwner.Uid, desired.ReleasesOwner.Gid, desired.ReleasesModes.ReleasesDirectory);
            if (releasesDir != wanted)
            {
                housekeeping.Add(AttributeChange(Addresses.ReleasesDirectory, Addresses.ReleasesDirectory, releasesDir, wanted));
            }
        }

        housekeeping.AddRange(RootTraversal(desired, observed));

        var existing = observed.Release(desired.Stamp);
        var creating = existing is null && target == desired.Stamp;
        var release = new List<Change>();
        if (creating)
        {
            // Every check that can refuse the release runs here, before the first change, and `plan` shows it.
            diagnostics.AddRange(ValuePreflight.Check(desired));
            release.Add(CreateReleaseChange(desired));
        }
        else
        {
            // The modes apply to every release (drift repair re-modes the live one too), created or not.
            diagnostics.AddRange(ValuePreflight.CheckModes(desired));
            if (existing is not null)
            {
                diagnostics.AddRange(Conflicts(desired, existing));
            }
        }

        var targetRelease = observed.Releases.Where(r => r.Stamp == target).ToList();
        release.AddRange(targetRelease.SelectMany(r => AttributeDrift(desired, r)));
        var repairs = observed.Releases.Where(r => r.Stamp != target).OrderBy(r => r.Stamp).SelectMany(r => AttributeDrift(desired, r)).ToList();
        diagnostics.AddRange(UnmappedFiles.Warnings(desired, observed));

        if (observed.Current is { Type: not EntryType.Symlink } notALink)
        {
            diagnostics.Add(Diagnostic.Error(
                $"'current' is a {notALink.Type.ToString().ToLowerInvariant()}, not a symlink",
                "move it away by hand; Horadus does not delete what it did not create",
                address: Addresses.Current));
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return Refused();
        }

        if (target is not { } live)
        {
            return new Plan(desired.SecretsRoot, desired.Stamp, [.. housekeeping, .. repairs], diagnostics, observed.Facts(), facts, null, PlanKind.Apply, byOperator);
        }

        var switching = observed.Current?.Release != live;
        var proven = ledger.IsGood(live);
        var preflights = switching && !proven
            ? desired.Services.Where(s => s.Preflight is not null).Select(s => PreflightChange(s, live)).ToList()
            : [];
        var goLive = switching ? new List<Change> { SwitchChange(observed.Current, live) } : Relink(desired, observed.Current, live);

        // A relinked current changes what a container that reloads resolves (before, nothing): it is told, as after a switch.
        var servicePlan = ServicePlanner.Plan(desired, services, live, switching: goLive.Count > 0, proven, options.Bootstrap, unsettledSince: ledger.UnsettledSince);
        diagnostics.AddRange(servicePlan.Diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return Refused();
        }

        var (prunes, retentionNotes) = Retention.Prune(desired, observed, ledger, live, switching, now);
        diagnostics.AddRange(retentionNotes);
        var pruned = prunes.Select(p => p.Operation).OfType<DeleteRelease>().Select(d => d.Stamp).ToHashSet();
        var retained = observed.Releases.Select(r => r.Stamp).Where(s => !pruned.Contains(s)).Append(live).ToHashSet();
        var swarmPlan = SwarmPlanner.Plan(desired.Files, desired.Services, swarm, live, retained, gateInSync: !proven, valuesOf: desired.Stamp);
        diagnostics.AddRange(swarmPlan.Diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return Refused();
        }

        var confirm = !proven && !servicePlan.Gates.Any() && swarmPlan.Updates.Count == 0 ? new[] { ConfirmChange(live, switching, desired.Services.Count == 0) } : [];

        // Write and check before anything live is touched; switch; services; the verdict; then what only a proven release licenses.
        List<Change> changes =
        [
            .. housekeeping, .. release, .. preflights, .. swarmPlan.Creates, .. repairs, .. goLive,
            .. servicePlan.Restores, .. servicePlan.Rollout, .. swarmPlan.Updates, .. confirm, .. servicePlan.Removals, .. prunes, .. swarmPlan.Removes,
        ];
        return new Plan(desired.SecretsRoot, desired.Stamp, changes, diagnostics, observed.Facts(), facts, live, PlanKind.Apply, byOperator);
    }

    /// <summary>
    /// Going back to <paramref name="to"/>: point <c>current</c> at it, bring back the containers an unfinished or failed run
    /// set aside, recreate the others on it. Nothing is written, repaired or pruned: a rollback touches only what it must.
    /// </summary>
    public static Plan PlanRollback(
        DesiredState desired,
        ObservedSnapshot observed,
        IReadOnlyList<ObservedService> services,
        ReleaseLedger ledger,
        ReleaseStamp to,
        bool byOperator,
        SwarmSnapshot? swarm = null)
    {
        var diagnostics = new List<Diagnostic>(observed.Problems);
        var facts = DesiredFacts(desired);
        if (observed.Release(to) is null)
        {
            diagnostics.Add(Diagnostic.Error($"release {to} is not on the host", "`horadus status` lists the releases present", address: Addresses.Release(to)));
        }

        if (diagnostics.Any(d => d.IsError))
        {
            return new Plan(desired.SecretsRoot, desired.Stamp, [], diagnostics, observed.Facts(), facts, to, PlanKind.Rollback, byOperator);
        }

        var switching = observed.Current?.Release != to;
        var changes = new List<Change>();
        if (switching)
        {
            changes.Add(SwitchChange(observed.Current, to) with { Reason = $"rollback to {to}" });
        }

        // A rollback brings back what exists; a service with no container is nothing to roll back.
        var servicePlan = ServicePlanner.Plan(desired with { Stamp = to }, services, to, switching, proven: true, bootstrap: true, rollback: true, unsettledSince: ledger.UnsettledSince);
        diagnostics.AddRange(servicePlan.Diagnostics);
        var (swarmBack, swarmProblems) = SwarmPlanner.PlanRollback(desired.Files, desired.Services, swarm ?? SwarmSnapshot.Empty, to);
        diagnostics.AddRange(swarmProblems);
        changes.AddRange([.. servicePlan.Restores, .. servicePlan.Rollout, .. swarmBack, .. servicePlan.Removals]);
        return new Plan(desired.SecretsRoot, desired.Stamp, changes, diagnostics, observed.Facts(), facts, to, PlanKind.Rollback, byOperator);
    }

    /// <summary>What the plan was computed for, without values: a saved plan is refused when these differ.</summary>
    public static IReadOnlyList<string> DesiredFacts(DesiredState desired)
    {
        var facts = new List<string>
        {
            $"root: {desired.SecretsRoot}",
            $"stamp: {desired.Stamp}",
            $"ownership: {desired.Ownership}",
            $"modes: {desired.Modes.ReleasesDirectory} {desired.Modes.ReleaseDirectory} {desired.Modes.File}",
            $"retention: keep {desired.Retention.KeepPrevious}, window {desired.Retention.StabilityWindow}",
        };
        facts.AddRange(desired.Files.Select(f => $"file/{f.Name}: {f.Value.Digest.Short} {f.Value.Size} B -> {f.Variable}"));
        // Gate settings decide the verdict: a saved plan is refused when they changed since.
        facts.AddRange(desired.Services.Select(s => $"service/{s.Name}: {s.Selector} at {s.MountPath}; after [{string.Join(",", s.After)}]; stop {s.StopTimeout}; " +
                                                    $"gates {ServiceFacts.Gates(s.Health)}; preflight {ServiceFacts.Preflight(s.Preflight)}" +
                                                    (s.Swarm is { } swarm ? $"; swarm {swarm.Describe()} {swarm.Update}" : string.Empty) + (s.StartFirst ? "; start-first" : string.Empty) +
                                                    (s.Reload is { } reload ? $"; reload {reload}" : string.Empty)));
        return facts;
    }

    private static Change CreateReleaseChange(DesiredState desired)
    {
        var details = desired.Files.Select(f => new Change(
            ChangeAction.Create,
            Addresses.File(desired.Stamp, f.Name),
            null,
            $"{f.Value.Digest.Short} {f.Value.Size} B {desired.Modes.File} {desired.Ownership}",
            $"-> {f.Variable}",
            new CreateRelease(desired.Stamp, [f.Name]))).ToList();
        return new Change(
            ChangeAction.Create,
            Addresses.Release(desired.Stamp),
            null,
            $"{desired.Files.Count} files, {desired.Modes.ReleaseDirectory} {desired.Ownership}",
            "the desired release is not on the host",
            new CreateRelease(desired.Stamp, desired.Files.Select(f => f.Name).ToList()),
            details);
    }

    private static Change PreflightChange(ServiceSpec spec, ReleaseStamp stamp) => new(
        ChangeAction.Check,
        Addresses.Service(spec.Name),
        null,
        $"pre-flight: {string.Join(' ', spec.Preflight!.Command)}",
        $"release {stamp} is checked with the service's image before current moves",
        new RunPreflight(spec.Name, stamp));

    private static Change ConfirmChange(ReleaseStamp stamp, bool switching, bool noServices) => new(
        ChangeAction.Check,
        Addresses.Release(stamp),
        switching ? "not live" : "live, unproven",
        "proven",
        noServices ? "the manifest declares no service to gate: recorded proven once it is live" : "no service runs yet to gate (--bootstrap): recorded proven once it is live",
        new ConfirmRelease(stamp));

    private static Change SwitchChange(CurrentLink? current, ReleaseStamp target)
    {
        var before = current switch
        {
            null => null,
            { Release: { } r } => Addresses.ReleasePath(r),
            { Target: { } t } => t + " (not a release)",
            _ => "dangling",
        };
        var reason = current is null ? "no release is live yet" : "the desired release is not the live one";
        return new Change(current is null ? ChangeAction.Create : ChangeAction.Update, Addresses.Current, before, Addresses.ReleasePath(target), reason, new SwitchCurrent(current?.Release, target));
    }

    /// <summary>
    /// An absolute <c>current</c> (made by hand, or by an earlier Horadus) names a path that does not exist inside a container
    /// that mounts the whole root: when a service reloads, the link is made relative again, pointing at the same release.
    /// </summary>
    private static List<Change> Relink(DesiredState desired, CurrentLink? current, ReleaseStamp live) =>
        desired.Reloads && current?.Target is { } target && target != SecretsTree.ReleasePath(live)
            ? [new Change(ChangeAction.Update, Addresses.Current, target, SecretsTree.ReleasePath(live),
                "a service reloads: it resolves current inside its container, where only a relative link leads to the release",
                new SwitchCurrent(live, live))]
            : [];

    /// <summary>
    /// A service that reloads reads its files through the root, as the app user: the root (0750, the operator's, as the apply
    /// creates it) must let the app's group through. Only search (x) is given, never read: the group cannot list the root.
    /// A root not created yet gets its group when the apply has made it (its owner, -1, is left as it is).
    /// </summary>
    private static List<Change> RootTraversal(DesiredState desired, ObservedSnapshot observed)
    {
        var app = desired.Ownership;
        if (!desired.Reloads || observed.RootDirectory is { } dir && Traversable(dir, app))
        {
            return [];
        }

        // A group handed over gets search alone (--x): what the old group could do was meant for it, not for the app.
        var wanted = observed.RootDirectory is { } before
            ? new EntryAttributes(before.Uid, app.Gid, before.Gid == app.Gid ? before.Mode.WithGroupPassing() : before.Mode.WithGroupOnlyPassing())
            : new EntryAttributes(-1, app.Gid, desired.Modes.ReleasesDirectory.WithGroupOnlyPassing());
        return
        [
            new Change(ChangeAction.Update, Addresses.Root, observed.RootDirectory?.ToString() ?? "created by this apply",
                observed.RootDirectory is null ? $"{wanted.Mode} group {app.Gid}" : wanted.ToString(),
                $"a service reloads: its containers read through the root as {app.Uid}:{app.Gid}, so that group may pass through it",
                new SetAttributes(".", wanted.Uid, wanted.Gid, wanted.Mode)),
        ];
    }

    private static bool Traversable(EntryAttributes dir, Ownership app) =>
        (dir.Uid == app.Uid && (dir.Mode.Bits & 0b001_000_000) != 0) ||
        (dir.Gid == app.Gid && (dir.Mode.Bits & 0b000_001_000) != 0) ||
        (dir.Mode.Bits & 0b000_000_001) != 0;

    private static IEnumerable<Diagnostic> Conflicts(DesiredState desired, ObservedRelease existing)
    {
        var address = Addresses.Release(desired.Stamp);
        const string Hint = "a release is immutable: give the new values a new release stamp";
        foreach (var file in desired.Files)
        {
            var onHost = existing.File(file.Name);
            if (onHost is null)
            {
                yield return Diagnostic.Error($"release {desired.Stamp} exists on the host without file '{file.Name}'", Hint, address: address).WithCode(DiagnosticCodes.ContentDrift);
            }
            else if (onHost.Digest != file.Value.Digest)
            {
                yield return Diagnostic.Error(
                    $"release {desired.Stamp} exists on the host with different content in '{file.Name}' (host {onHost.Digest?.Short ?? "unreadable"} {onHost.Size} B, desired {file.Value.Digest.Short} {file.Value.Size} B)",
                    Hint,
                    address: address).WithCode(DiagnosticCodes.ContentDrift);
            }
        }

        foreach (var extra in existing.Files.Where(f => desired.Files.All(d => d.Name != f.Name)))
        {
            yield return Diagnostic.Error($"release {desired.Stamp} exists on the host with a file the manifest does not map: '{extra.Name}'", Hint, address: address).WithCode(DiagnosticCodes.ContentDrift);
        }
    }

    private static IEnumerable<Change> AttributeDrift(DesiredState desired, ObservedRelease release)
    {
        var (uid, gid) = (desired.Ownership.Uid, desired.Ownership.Gid);
        var wantedDir = new EntryAttributes(uid, gid, desired.Modes.ReleaseDirectory);
        if (release.Attributes != wantedDir)
        {
            yield return AttributeChange(Addresses.Release(release.Stamp), Addresses.ReleasePath(release.Stamp), release.Attributes, wantedDir);
        }

        var wantedFile = new EntryAttributes(uid, gid, desired.Modes.File);
        // Only the single-link regular files the manifest maps: anything else may not be ours, or may be shared with a
        // path outside the root (a hard link); the snapshot and UnmappedFiles report those instead.
        foreach (var file in release.Files.Where(f => f.IsOwnInode && f.Attributes != wantedFile && desired.Files.Any(d => d.Name == f.Name)))
        {
            yield return AttributeChange(Addresses.File(release.Stamp, file.Name), Addresses.FilePath(release.Stamp, file.Name), file.Attributes, wantedFile);
        }
    }

    private static Change AttributeChange(string address, string path, EntryAttributes before, EntryAttributes after)
    {
        var drifted = new List<string>();
        if (before.Mode != after.Mode)
        {
            drifted.Add($"mode {before.Mode} should be {after.Mode}");
        }

        if (before.Uid != after.Uid || before.Gid != after.Gid)
        {
            drifted.Add($"owner {before.Uid}:{before.Gid} should be {after.Uid}:{after.Gid}");
        }

        return new Change(ChangeAction.Update, address, before.ToString(), after.ToString(), string.Join(", ", drifted), new SetAttributes(path, after.Uid, after.Gid, after.Mode));
    }
}
