using Horadus.Core.Desired;
using Horadus.Core.Planning;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Core.Tests.Planning;

namespace Horadus.Core.Tests.Swarm;

/// <summary>The pure swarm planner on in-memory swarms: versions, updates in waves, collisions, retention, drift.</summary>
public sealed class SwarmPlannerTests
{
    private static readonly HashSet<ReleaseStamp> KeepOld = [Given.Old];

    [Fact]
    public void Plan_OnAFreshSwarm_CreatesOneVersionPerFile_AndUpdatesEveryServiceInItsWave()
    {
        using var desired = Given.Desired();
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", []), Service("horadus_worker", [])], []);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api"), Spec("worker", "api")], swarm, Given.New, KeepOld);

        Assert.Empty(plan.Diagnostics);
        Assert.Equal(["swarm-secret/horadus_api_keys_20260215T090000Z", "swarm-secret/horadus_database_url_20260215T090000Z"],
            plan.Creates.Select(c => c.Address).Order(StringComparer.Ordinal));
        Assert.All(plan.Creates, c => Assert.StartsWith("hmac:", c.After, StringComparison.Ordinal));
        Assert.Equal([("swarm-service/api", 0), ("swarm-service/worker", 1)],
            plan.Updates.Select(c => (c.Address, ((UpdateSwarmService)c.Operation).Wave)));
        Assert.Empty(plan.Removes);
    }

    [Fact]
    public void Plan_WhenEveryServiceRunsTheTargetVersions_IsEmpty()
    {
        using var desired = Given.Desired();
        var (secrets, refs) = Versions(desired, Given.New);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", refs, labelled: Given.New)], secrets);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Diagnostics);
    }

    [Fact]
    public void Plan_WhenTheSpecIsOnTheTargetButATaskIsNotRunning_GatesTheServiceAgain()
    {
        using var desired = Given.Desired();
        var (secrets, refs) = Versions(desired, Given.New);
        var service = Service("horadus_api", refs, labelled: Given.New) with
        {
            UpdateStatus = SwarmUpdateStatus.Updating,
        };

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], new SwarmSnapshot(true, [service], secrets), Given.New, KeepOld);

        var update = Assert.Single(plan.Updates);
        Assert.Contains("did not settle", update.Reason, StringComparison.Ordinal);
        Assert.Empty(plan.Creates);
    }

    [Fact]
    public void Plan_OnAnEngineThatIsNoManager_IsAClearError_AndPlansNothing()
    {
        using var desired = Given.Desired();

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], SwarmSnapshot.Empty, Given.New, KeepOld);

        var error = Assert.Single(plan.Diagnostics);
        Assert.True(error.IsError);
        Assert.Contains("not a swarm manager", error.Summary, StringComparison.Ordinal);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_WithAnUnknownSwarmService_NamesIt()
    {
        using var desired = Given.Desired();

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], new SwarmSnapshot(true, [], []), Given.New, KeepOld);

        var error = Assert.Single(plan.Diagnostics, d => d.IsError);
        Assert.Contains("no swarm service named 'horadus_api'", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenAForeignSecretHasTheVersionsName_RefusesIt_AndRemovesNothing()
    {
        using var desired = Given.Desired();
        var foreign = new ObservedSwarmSecret("x1", SwarmSecretName.For("api_keys", Given.New), new Dictionary<string, string>());
        var stale = Secret("s-old", "api_keys", Given.Older, SwarmFingerprints.Of(desired.Files)["api_keys"]);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", [])], [foreign, stale]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        var error = Assert.Single(plan.Diagnostics, d => d.IsError);
        Assert.Equal("swarm-secret/horadus_api_keys_20260215T090000Z", error.Address);
        Assert.Empty(plan.Removes);
    }

    [Fact]
    public void Plan_WhenOurVersionHoldsAnotherValue_RefusesIt_ByFingerprint()
    {
        using var desired = Given.Desired();
        var other = Secret("s1", "api_keys", Given.New, new string('a', 64));
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", [])], [other]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        var error = Assert.Single(plan.Diagnostics, d => d.IsError);
        Assert.Contains("was made from other values", error.Summary, StringComparison.Ordinal);
        Assert.Contains("hmac:aaaaaaaaaaaa", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_KeepsAVersionOnlyThePreviousSpecReferences_AndRemovesOneNoSpecReferences()
    {
        using var desired = Given.Desired();
        var (current, currentRefs) = Versions(desired, Given.New);
        var (previous, previousRefs) = Versions(desired, Given.Old);
        var (oldest, _) = Versions(desired, Given.Oldest);
        var service = Service("horadus_api", currentRefs, labelled: Given.New) with { Previous = previousRefs };
        var swarm = new SwarmSnapshot(true, [service], [.. current, .. previous, .. oldest]);

        // Retention keeps no release at all: only the references protect a version.
        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, new HashSet<ReleaseStamp>());

        Assert.Equal(oldest.Select(s => s.Name).Order(StringComparer.Ordinal), plan.Removes.Select(c => ((RemoveSwarmSecret)c.Operation).SecretName));
    }

    [Fact]
    public void Retention_KeepsTheVersionsOfAReleaseItRetains()
    {
        using var desired = Given.Desired();
        var (current, currentRefs) = Versions(desired, Given.New);
        var (kept, _) = Versions(desired, Given.Old);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", currentRefs, labelled: Given.New)], [.. current, .. kept]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        Assert.Empty(plan.Removes);
    }

    [Fact]
    public void Drift_AServiceUpdatedByHandToAnotherRelease_IsReported()
    {
        using var desired = Given.Desired();
        var (current, _) = Versions(desired, Given.New);
        var (old, oldRefs) = Versions(desired, Given.Old);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", oldRefs, labelled: Given.New)], [.. current, .. old]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        var drift = Assert.Single(plan.Diagnostics, d => d.Code == SwarmDrift.Code);
        Assert.Contains("updated by hand", drift.Summary, StringComparison.Ordinal);
        Assert.Single(plan.Updates);
    }

    [Fact]
    public void Drift_ASecretWithOurLabelsButAnotherName_IsReported()
    {
        using var desired = Given.Desired();
        var handMade = Secret("h1", "api_keys", Given.New, SwarmFingerprints.Of(desired.Files)["api_keys"]) with { Name = "horadus_api_keys_manual" };
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", [])], [handMade]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        var drift = Assert.Single(plan.Diagnostics, d => d.Code == SwarmDrift.Code);
        Assert.Equal("swarm-secret/horadus_api_keys_manual", drift.Address);
    }

    [Fact]
    public void Plan_IgnoresTasksThatFailedInAnEarlierAttempt_WhenTheRunningOnesAreOnTheTarget()
    {
        using var desired = Given.Desired();
        var (secrets, refs) = Versions(desired, Given.New);
        var service = Service("horadus_api", refs, labelled: Given.New);
        service = service with { Tasks = [.. service.Tasks, new ObservedSwarmTask("t-failed", "node-1", SwarmTaskState.Failed, ["horadus_api_keys_other"], false, null, "exit 3")] };

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], new SwarmSnapshot(true, [service], secrets), Given.New, KeepOld);

        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_WhenTheTargetIsUnproven_GatesAServiceAlreadyOnIt_WithoutUpdatingIt()
    {
        using var desired = Given.Desired();
        var (secrets, refs) = Versions(desired, Given.New);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", refs, labelled: Given.New)], secrets);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld, gateInSync: true);

        var check = Assert.Single(plan.Updates);
        Assert.Equal(ChangeAction.Check, check.Action);
        Assert.Contains("never passed its gates", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenTheManifestsReleaseFailedBefore_KeepsTheLiveVersions_AndNeverMakesThemFromOtherValues()
    {
        using var desired = Given.Desired();
        var (secrets, refs) = Versions(desired, Given.Old);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", refs, labelled: Given.Old)], secrets);

        var kept = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.Old, KeepOld, valuesOf: Given.New);
        var gone = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm with { Secrets = [] }, Given.Old, KeepOld, valuesOf: Given.New);

        Assert.Empty(kept.Changes);
        Assert.Empty(kept.Diagnostics);
        Assert.Empty(gone.Creates);
        Assert.Equal(2, gone.Diagnostics.Count(d => d.IsError && d.Summary.Contains("stays live, but its swarm secret", StringComparison.Ordinal)));
    }

    [Fact]
    public void Plan_RemovesTheVersionsOnlyTheUpdatedServicesPreviousSpecHeld_SinceTheUpdateMakesTodaysSpecThePreviousOne()
    {
        using var desired = Given.Desired();
        var (older, olderRefs) = Versions(desired, Given.Older);
        var (old, oldRefs) = Versions(desired, Given.Old);
        var api = Service("horadus_api", oldRefs, labelled: Given.Old) with { Previous = olderRefs };
        var worker = Service("horadus_worker", oldRefs, labelled: Given.Old) with { Previous = olderRefs };
        var swarm = new SwarmSnapshot(true, [api, worker], [.. older, .. old]);

        var both = SwarmPlanner.Plan(desired.Files, [Spec("api"), Spec("worker")], swarm, Given.New, KeepOld);
        var onlyApi = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        Assert.Equal(older.Select(s => "swarm-secret/" + s.Name).Order(StringComparer.Ordinal), both.Removes.Select(r => r.Address));
        Assert.Empty(onlyApi.Removes); // the worker is not Horadus's to update here, and its previous spec still holds them
    }

    [Fact]
    public void PlanRollback_ReturnsAServiceWhosePreviousSpecIsOnTheTarget_ToIt()
    {
        using var desired = Given.Desired();
        var (old, oldRefs) = Versions(desired, Given.Old);
        var (failed, failedRefs) = Versions(desired, Given.New);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", failedRefs, labelled: Given.New) with { Previous = oldRefs }], [.. old, .. failed]);

        var (changes, diagnostics) = SwarmPlanner.PlanRollback(desired.Files, [Spec("api")], swarm, Given.Old);

        Assert.Empty(diagnostics);
        var back = Assert.IsType<RollbackSwarmService>(Assert.Single(changes).Operation);
        Assert.Equal(Given.New.Value, back.FailedRelease);
    }

    [Fact]
    public void PlanRollback_OnlyGatesAServiceSwarmRolledBackItself_EvenOnceItsTasksRun_AndLeavesASettledOneAlone()
    {
        using var desired = Given.Desired();
        var (old, oldRefs) = Versions(desired, Given.Old);
        var rolling = Service("horadus_api", oldRefs, labelled: Given.Old) with { UpdateStatus = SwarmUpdateStatus.RollbackStarted };
        var rolledBack = Service("horadus_beat", oldRefs, labelled: Given.Old) with { UpdateStatus = SwarmUpdateStatus.RollbackCompleted };
        var settled = Service("horadus_worker", oldRefs, labelled: Given.Old);

        var (changes, _) = SwarmPlanner.PlanRollback(desired.Files, [Spec("api"), Spec("beat"), Spec("worker")], new SwarmSnapshot(true, [rolling, rolledBack, settled], old), Given.Old);

        Assert.Equal([("swarm-service/api", ChangeAction.Check), ("swarm-service/beat", ChangeAction.Check)], changes.Select(c => (c.Address, c.Action)));
        Assert.All(changes, c => Assert.Equal(string.Empty, ((RollbackSwarmService)c.Operation).FailedRelease));
    }

    [Fact]
    public void PlanRollback_UpdatesAServiceToTheTargetsVersions_OrSaysTheyAreGone()
    {
        using var desired = Given.Desired();
        var (older, _) = Versions(desired, Given.Older);
        var (current, currentRefs) = Versions(desired, Given.New);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", currentRefs, labelled: Given.New)], [.. older, .. current]);

        var (changes, diagnostics) = SwarmPlanner.PlanRollback(desired.Files, [Spec("api")], swarm, Given.Older);
        var (none, gone) = SwarmPlanner.PlanRollback(desired.Files, [Spec("api")], swarm with { Secrets = current }, Given.Older);

        Assert.Empty(diagnostics);
        Assert.Equal(Given.Older.Value, Assert.IsType<UpdateSwarmService>(Assert.Single(changes).Operation).Release);
        Assert.Empty(none);
        Assert.Contains("cannot go back to release 20251201T000000Z: its secret versions are gone", Assert.Single(gone).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void WholePlan_MakesTheVersionsBeforeCurrentMoves_UpdatesAfter_RemovesLast_AndGatesInsteadOfConfirming()
    {
        using var desired = Given.Desired(services: [Spec("api")]);
        var onHost = Given.Converged(Given.Desired(Given.Old));
        var (old, oldRefs) = Versions(desired, Given.Old);
        var (older, olderRefs) = Versions(desired, Given.Older);
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", oldRefs, labelled: Given.Old) with { Previous = olderRefs }], [.. older, .. old]);
        var ledger = new Horadus.Core.History.ReleaseLedger([Given.Succeeded(Given.Older, Given.Now.AddDays(-9)), Given.Succeeded(Given.Old, Given.Now.AddDays(-8))]);

        var plan = Planner.Plan(desired, onHost, [], ledger, Given.Now, PlanOptions.Default, swarm);

        Assert.False(plan.HasErrors, string.Join("; ", plan.Diagnostics.Select(d => d.Summary)));
        var kinds = plan.Changes.Select(c => c.Operation.GetType().Name).ToList();
        Assert.Equal(["CreateRelease", "CreateSwarmSecret", "CreateSwarmSecret", "SwitchCurrent", "UpdateSwarmService", "RemoveSwarmSecret", "RemoveSwarmSecret"], kinds);
        Assert.DoesNotContain(plan.Changes, c => c.Operation is ConfirmRelease);
    }

    [Fact]
    public void Plan_FindsAServiceByItsLabels_AndRefusesLabelsThatMatchNoneOrSeveral()
    {
        using var desired = Given.Desired();
        var byLabels = Spec("api") with { Swarm = new SwarmTarget(string.Empty, SwarmUpdateSettings.Default) { Labels = new Dictionary<string, string> { ["role"] = "api" } } };
        var api = Service("stack_api", []) with { Labels = new Dictionary<string, string> { ["role"] = "api", ["tier"] = "web" } };
        var worker = Service("stack_worker", []) with { Labels = new Dictionary<string, string> { ["role"] = "worker" } };

        var found = SwarmPlanner.Plan(desired.Files, [byLabels], new SwarmSnapshot(true, [api, worker], []), Given.New, KeepOld);
        var none = SwarmPlanner.Plan(desired.Files, [byLabels], new SwarmSnapshot(true, [worker], []), Given.New, KeepOld);
        var two = SwarmPlanner.Plan(desired.Files, [byLabels], new SwarmSnapshot(true, [api, api with { Name = "other_api" }], []), Given.New, KeepOld);

        Assert.Equal("stack_api", ((UpdateSwarmService)Assert.Single(found.Updates).Operation).SwarmService);
        Assert.Equal("service 'api': no swarm service has the labels role=api", Assert.Single(none.Diagnostics, d => d.IsError).Summary);
        Assert.StartsWith("service 'api': 2 swarm services have the labels role=api (other_api, stack_api)", Assert.Single(two.Diagnostics, d => d.IsError).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretName_StaysWithinSwarmsLimit_AndTwoLongNamesDiffer()
    {
        var a = SwarmSecretName.For(new string('a', 70) + "_one", Given.New);
        var b = SwarmSecretName.For(new string('a', 70) + "_two", Given.New);

        Assert.Equal("horadus_openai_api_key_20260215T090000Z", SwarmSecretName.For("openai_api_key", Given.New));
        Assert.Equal(SwarmSecretName.MaxLength, a.Length);
        Assert.NotEqual(a, b);
        Assert.EndsWith("_20260215T090000Z", a, StringComparison.Ordinal);
    }

    private static ServiceSpec Spec(string name, params string[] after) => new(
        name, ContainerSelector.Compose("horadus", name), "/run/secrets/horadus", TimeSpan.FromSeconds(1), after, HealthGates.Default, null)
    {
        Swarm = new SwarmTarget("horadus_" + name, SwarmUpdateSettings.Default),
    };

    private static ObservedSwarmService Service(string name, IReadOnlyList<SwarmSecretReference> current, ReleaseStamp? labelled = null) => new(
        name, "id-" + name, 7, current, [], SwarmUpdateStatus.Completed,
        [new ObservedSwarmTask("t-" + name, "node-1", SwarmTaskState.Running, current.Select(r => r.SecretName).ToList(), false, null)],
        labelled?.Value);

    private static ObservedSwarmSecret Secret(string id, string file, ReleaseStamp release, string fingerprint) => new(
        id, SwarmSecretName.For(file, release), new Dictionary<string, string>
        {
            [SwarmLabels.Managed] = "true",
            [SwarmLabels.Release] = release.Value,
            [SwarmLabels.File] = file,
            [SwarmLabels.Fingerprint] = fingerprint,
        });

    private static (List<ObservedSwarmSecret> Secrets, List<SwarmSecretReference> References) Versions(DesiredState desired, ReleaseStamp release)
    {
        var secrets = desired.Files.Select(f => Secret($"{f.Name}-{release}", f.Name, release, SwarmFingerprints.Of(desired.Files)[f.Name])).ToList();
        var refs = secrets.Select(s => new SwarmSecretReference(s.Id, s.Name, "/run/secrets/horadus/" + s.File, 10001, 10001, 0x1A0)).ToList();
        return (secrets, refs);
    }
}
