using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Services;

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
        PlanOptions? options = null)
    {
        options ??= PlanOptions.Default;
        var changes = new List<Change>();
        var diagnostics = new List<Diagnostic>(observed.Problems);
        var facts = DesiredFacts(desired);

        if (diagnostics.Any(d => d.IsError))
        {
            return new Plan(desired.SecretsRoot, desired.Stamp, [], diagnostics, observed.Facts(), facts);
        }

        var skipDesired = ledger.IsFailed(desired.Stamp) && !options.RetryFailed && observed.Current?.Release != desired.Stamp;
        if (skipDesired)
        {
            var standing = ledger.Standing(desired.Stamp)!;
            diagnostics.Add(Diagnostic.Warning(
                $"release {desired.Stamp} failed before and is not applied again by itself",
                $"{standing.FailureReason}; choose a new release stamp, or pass --retry-failed to try it again",
                Addresses.Release(desired.Stamp)));
        }

        if (!observed.RootExists)
        {
            changes.Add(new Change(ChangeAction.Create, Addresses.Root, null, $"directory {desired.Modes.ReleasesDirectory}", "the secrets root does not exist", new CreateRoot(desired.Modes.ReleasesDirectory)));
        }

        changes.AddRange(observed.StagingLeftovers.Order(StringComparer.Ordinal).Select(name =>
            new Change(ChangeAction.Delete, Addresses.Staging(name), "incomplete release", null, "left behind by an interrupted apply", new DeleteStaging(name))));

        if (observed.ReleasesDirectory is { } releasesDir)
        {
            var wanted = new EntryAttributes(desired.ReleasesOwner.Uid, desired.ReleasesOwner.Gid, desired.Modes.ReleasesDirectory);
            if (releasesDir != wanted)
            {
                changes.Add(AttributeChange(Addresses.ReleasesDirectory, Addresses.ReleasesDirectory, releasesDir, wanted));
            }
        }

        var existing = observed.Release(desired.Stamp);
        if (existing is null && !skipDesired)
        {
            changes.Add(CreateReleaseChange(desired));
        }
        else if (existing is not null)
        {
            diagnostics.AddRange(Conflicts(desired, existing));
        }

        foreach (var release in observed.Releases.OrderByDescending(r => r.Stamp == desired.Stamp).ThenBy(r => r.Stamp))
        {
            changes.AddRange(AttributeDrift(desired, release));
        }

        diagnostics.AddRange(UnmappedFiles.Warnings(desired, observed));

        if (diagnostics.Any(d => d.IsError))
        {
            return new Plan(desired.SecretsRoot, desired.Stamp, [], diagnostics, observed.Facts(), facts);
        }

        if (observed.Current is { Type: not EntryType.Symlink } notALink)
        {
            diagnostics.Add(Diagnostic.Error(
                $"'current' is a {notALink.Type.ToString().ToLowerInvariant()}, not a symlink",
                "move it away by hand; Horadus does not delete what it did not create",
                address: Addresses.Current));
            return new Plan(desired.SecretsRoot, desired.Stamp, [], diagnostics, observed.Facts(), facts);
        }

        if (observed.Current?.Release is { } liveRelease && liveRelease != desired.Stamp && ledger.IsFailed(liveRelease))
        {
            diagnostics.Add(Diagnostic.Warning(
                $"the live release {liveRelease} is marked failed",
                "an earlier rollback could not move current away from it; run `horadus rollback` or apply a release that works",
                Addresses.Current));
        }

        var target = skipDesired ? observed.Current?.Release : desired.Stamp;
        var switching = target is { } t && observed.Current?.Release != t;
        if (switching)
        {
            changes.Add(SwitchChange(observed.Current, target!.Value));
        }

        if (target is { } live)
        {
            var (serviceChanges, serviceDiagnostics) = ServicePlanner.Plan(desired, services, live, switching);
            changes.AddRange(serviceChanges);
            diagnostics.AddRange(serviceDiagnostics);

            var (prunes, retentionNotes) = Retention.Prune(desired, observed, ledger, live, switching, now);
            changes.AddRange(prunes);
            diagnostics.AddRange(retentionNotes);
        }

        return new Plan(desired.SecretsRoot, desired.Stamp, changes, diagnostics, observed.Facts(), facts);
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
        facts.AddRange(desired.Services.Select(s => $"service/{s.Name}: {s.Selector} at {s.MountPath}"));
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

    private static IEnumerable<Diagnostic> Conflicts(DesiredState desired, ObservedRelease existing)
    {
        var address = Addresses.Release(desired.Stamp);
        const string Hint = "a release is immutable: give the new values a new release stamp";
        foreach (var file in desired.Files)
        {
            var onHost = existing.File(file.Name);
            if (onHost is null)
            {
                yield return Diagnostic.Error($"release {desired.Stamp} exists on the host without file '{file.Name}'", Hint, address: address);
            }
            else if (onHost.Digest != file.Value.Digest)
            {
                yield return Diagnostic.Error(
                    $"release {desired.Stamp} exists on the host with different content in '{file.Name}' (host {onHost.Digest?.Short ?? "unreadable"} {onHost.Size} B, desired {file.Value.Digest.Short} {file.Value.Size} B)",
                    Hint,
                    address: address);
            }
        }

        foreach (var extra in existing.Files.Where(f => desired.Files.All(d => d.Name != f.Name)))
        {
            yield return Diagnostic.Error($"release {desired.Stamp} exists on the host with a file the manifest does not map: '{extra.Name}'", Hint, address: address);
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
