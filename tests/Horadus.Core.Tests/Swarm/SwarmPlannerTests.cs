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
        var stale = Secret("s-old", "api_keys", Given.Older, desired.Files[1].Value.Digest.HmacHex);
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
        Assert.Contains("another value", error.Summary, StringComparison.Ordinal);
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
        var handMade = Secret("h1", "api_keys", Given.New, desired.Files[1].Value.Digest.HmacHex) with { Name = "horadus_api_keys_manual" };
        var swarm = new SwarmSnapshot(true, [Service("horadus_api", [])], [handMade]);

        var plan = SwarmPlanner.Plan(desired.Files, [Spec("api")], swarm, Given.New, KeepOld);

        var drift = Assert.Single(plan.Diagnostics, d => d.Code == SwarmDrift.Code);
        Assert.Equal("swarm-secret/horadus_api_keys_manual", drift.Address);
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
        var secrets = desired.Files.Select(f => Secret($"{f.Name}-{release}", f.Name, release, f.Value.Digest.HmacHex)).ToList();
        var refs = secrets.Select(s => new SwarmSecretReference(s.Id, s.Name, "/run/secrets/horadus/" + s.File, 10001, 10001, 0x1A0)).ToList();
        return (secrets, refs);
    }
}
