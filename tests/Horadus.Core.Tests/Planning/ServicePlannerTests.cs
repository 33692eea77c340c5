using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Planning;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Planning;

/// <summary>Which containers a plan recreates, why, and in which wave; from in-memory containers only.</summary>
public sealed class ServicePlannerTests
{
    private const string MountPath = "/run/secrets/horadus";

    [Fact]
    public void Plan_WhenEveryContainerMountsTheLiveReleaseWithTheWiring_RecreatesNothing()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var (changes, diagnostics) = PlanServices(desired, [Observed("api", Container(desired, "api", Given.New))], Given.New, switching: false);

        Assert.Empty(changes);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Plan_WhenCurrentMoves_RecreatesEveryRunningContainerWithThatReason()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var (changes, _) = PlanServices(desired, [Observed("api", Container(desired, "api", Given.Old))], Given.New, switching: true);

        var change = Assert.Single(changes);
        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal("service/api", change.Address);
        Assert.Equal($"current moves to {Given.New}", change.Reason);
        Assert.Equal($"1 container(s) on release {Given.Old}", change.Before);
        Assert.Equal($"1 container(s) on release {Given.New}", change.After);
        Assert.Equal(["api-1"], Assert.IsType<RecreateService>(change.Operation).ContainerIds);
    }

    [Fact]
    public void Plan_WhenAContainerStartedBeforeCurrentMovedByHand_CallsItAStaleRelease()
    {
        using var desired = Given.Desired(services: [Service("worker")]);

        var (changes, _) = PlanServices(desired, [Observed("worker", Container(desired, "worker", Given.Old))], Given.New, switching: false);

        Assert.Equal($"stale release: mounts {Given.Old}, current is {Given.New}", Assert.Single(changes).Reason);
    }

    [Fact]
    public void Plan_WhenTheResolvedMountIsUnknown_FallsBackOnTheReleaseLabelHoradusSet()
    {
        using var desired = Given.Desired(services: [Service("worker")]);
        var labelled = Container(desired, "worker", null) with
        {
            Labels = new Dictionary<string, string> { [ObservedContainer.ReleaseLabel] = Given.New.ToString() },
        };

        var (changes, _) = PlanServices(desired, [Observed("worker", labelled)], Given.New, switching: false);

        Assert.Empty(changes);
    }

    [Fact]
    public void Plan_WhenAFileVariableIsMissingOrPointsElsewhere_SaysWhichWiringDiffers()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var miswired = Container(desired, "api", Given.New) with
        {
            FileVariables = new Dictionary<string, string> { ["DATABASE_URL_FILE"] = "/elsewhere/database_url" },
        };

        var (changes, _) = PlanServices(desired, [Observed("api", miswired)], Given.New, switching: false);

        Assert.Equal(
            $"wiring differs: API_KEYS_FILE should be {MountPath}/api_keys; wiring differs: DATABASE_URL_FILE should be {MountPath}/database_url",
            Assert.Single(changes).Reason);
    }

    [Fact]
    public void Plan_WhenTheMountIsMissing_OrWritable_RecreatesWithThatReason()
    {
        using var desired = Given.Desired(services: [Service("api"), Service("worker")]);
        var unmounted = Container(desired, "api", Given.New) with { Mounts = [] };
        var writable = Container(desired, "worker", Given.New) with
        {
            Mounts = [new ContainerMount($"{Given.Root}/current", MountPath, false, $"{Given.Root}/releases/{Given.New}")],
        };

        var (changes, _) = PlanServices(desired, [Observed("api", unmounted), Observed("worker", writable)], Given.New, switching: false);

        Assert.Equal($"missing mount of current at {MountPath}", changes.Single(c => c.Address == "service/api").Reason);
        Assert.Equal($"mount at {MountPath} is writable", changes.Single(c => c.Address == "service/worker").Reason);
    }

    [Fact]
    public void Plan_WhenAContainerIsStopped_DoesNotRecreateItButSaysWhy()
    {
        using var desired = Given.Desired(services: [Service("beat")]);
        var stopped = Container(desired, "beat", null) with { State = ContainerState.Exited };

        var (changes, diagnostics) = PlanServices(desired, [Observed("beat", stopped)], Given.New, switching: true);

        Assert.Empty(changes);
        var warning = Assert.Single(diagnostics);
        Assert.Equal("container beat-1 is exited; Horadus does not recreate a container that is not running", warning.Summary);
        Assert.Equal("when it is started again it mounts the release current names then", warning.Detail);
        Assert.Equal("service/beat", warning.Address);
    }

    [Fact]
    public void Plan_WhenAStoppedContainerIsMiswired_SaysWhatToFixBeforeStartingIt()
    {
        using var desired = Given.Desired(services: [Service("beat")]);
        var stopped = Container(desired, "beat", null) with { State = ContainerState.Exited, Mounts = [] };

        var (changes, diagnostics) = PlanServices(desired, [Observed("beat", stopped)], Given.New, switching: false);

        Assert.Empty(changes);
        Assert.Equal($"fix it before starting it: missing mount of current at {MountPath}", Assert.Single(diagnostics).Detail);
    }

    [Fact]
    public void Plan_OfAServiceWithOneStaleAndOneFreshContainer_RecreatesOnlyTheStaleOne()
    {
        using var desired = Given.Desired(services: [Service("worker")]);
        var fresh = Container(desired, "worker", Given.New);
        var stale = Container(desired, "worker", Given.Old) with { Id = "worker-2", Name = "worker-2" };

        var (changes, _) = PlanServices(desired, [Observed("worker", fresh, stale)], Given.New, switching: false);

        Assert.Equal(["worker-2"], Assert.IsType<RecreateService>(Assert.Single(changes).Operation).ContainerIds);
        Assert.Equal($"1 container(s) on release {Given.Old}", changes[0].Before);
    }

    [Fact]
    public void Plan_WhenAContainerCarriesARawSecret_WarnsWithTheVariableNameOnly()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var leaky = Container(desired, "api", Given.New) with { RawSecretVariables = ["DATABASE_URL"] };

        var (changes, diagnostics) = PlanServices(desired, [Observed("api", leaky)], Given.New, switching: false);

        Assert.Empty(changes);
        var warning = Assert.Single(diagnostics);
        Assert.Equal("container api-1 passes a secret as a raw environment value: DATABASE_URL", warning.Summary);
        Assert.Contains("use DATABASE_URL_FILE", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenAServiceHasNoContainer_RefusesWithHowToStartIt()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var (changes, diagnostics) = PlanServices(desired, [Observed("api")], Given.New, switching: true);

        Assert.Empty(changes);
        var error = Assert.Single(diagnostics);
        Assert.True(error.IsError);
        Assert.StartsWith("no container matches service 'api'", error.Summary, StringComparison.Ordinal);
        Assert.Contains("--bootstrap", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenAServiceHasNoContainerOnAFirstDeployment_SaysItReadsTheReleaseWhenStarted()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api")], Given.New, switching: true, proven: false, bootstrap: true);

        Assert.Empty(plan.Gates);
        Assert.Equal(Severity.Info, Assert.Single(plan.Diagnostics).Severity);
    }

    [Fact]
    public void Plan_WhenCurrentMovesBackToTheReleaseAContainerAlreadyMounts_DoesNotRecreateIt()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var (changes, _) = PlanServices(desired, [Observed("api", Container(desired, "api", Given.New))], Given.New, switching: true);

        Assert.Empty(changes);
    }

    [Fact]
    public void Plan_WhenTheLiveReleaseIsUnproven_GatesTheContainersAlreadyOnIt()
    {
        using var desired = Given.Desired(services: [Service("api")]);

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api", Given.New))], Given.New, switching: false, proven: false, bootstrap: false);

        var change = Assert.Single(plan.Rollout);
        Assert.Equal(ChangeAction.Check, change.Action);
        Assert.Equal(["api-1"], Assert.IsType<VerifyService>(change.Operation).ContainerIds);
    }

    [Fact]
    public void Plan_OrdersServicesInWavesFromAfter_AndNamesWithinAWave()
    {
        using var desired = Given.Desired(services: [Service("worker", "api"), Service("beat", "worker"), Service("api"), Service("flower", "api")]);
        var observed = new[] { "api", "worker", "beat", "flower" }.Select(s => Observed(s, Container(desired, s, Given.Old))).ToList();

        var (changes, _) = PlanServices(desired, observed, Given.New, switching: true);

        Assert.Equal(["service/api", "service/flower", "service/worker", "service/beat"], changes.Select(c => c.Address));
        Assert.Equal([0, 1, 1, 2], changes.Select(c => ((RecreateService)c.Operation).Wave));
    }

    [Fact]
    public void Plan_ThroughThePlanner_PutsTheRecreatesAfterTheSwitchOfCurrent()
    {
        using var old = Given.Desired(stamp: Given.Old, services: [Service("api")]);
        using var desired = Given.Desired(services: [Service("api")]);
        var observed = Given.Converged(old);

        var plan = Planner.Plan(desired, observed, [Observed("api", Container(desired, "api", Given.Old))], new ReleaseLedger([Given.Succeeded(Given.Old, Given.Now.AddDays(-3))]), Given.Now);

        Assert.Equal(["release/20260215T090000Z", "current", "service/api"], plan.Changes.Select(c => c.Address));
    }

    [Fact]
    public void Plan_WhenTheReplacementRunsTheTargetBesideAContainerSetAside_RemovesTheOneAside()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var replacement = Container(desired, "api", Given.New);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1");

        var plan = ServicePlanner.Plan(desired, [Observed("api", replacement, aside)], Given.New, switching: false, proven: true, bootstrap: false);

        Assert.Empty(plan.Gates);
        var removal = Assert.Single(plan.Removals);
        Assert.Equal(ChangeAction.Delete, removal.Action);
        Assert.Equal(new RemoveSetAside("api", aside.Id, aside.Name), removal.Operation);
    }

    [Fact]
    public void Plan_WhenTheReplacementDoesNotRunTheTarget_BringsTheContainerSetAsideBackInsteadOfRecreating()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var replacement = Container(desired, "api", Given.New);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1");

        var plan = ServicePlanner.Plan(desired, [Observed("api", replacement, aside)], Given.Old, switching: true, proven: true, bootstrap: false);

        var restore = Assert.Single(plan.Restores);
        Assert.Equal(new RestoreSetAside("api", aside.Id, aside.Name, "api-1", replacement.Id), restore.Operation);
        Assert.Empty(plan.Rollout);
        Assert.Empty(plan.Removals);
    }

    [Fact]
    public void Plan_WhenOnlyAContainerSetAsideIsLeft_BringsItBack()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1");

        var plan = ServicePlanner.Plan(desired, [Observed("api", aside)], Given.New, switching: true, proven: true, bootstrap: false);

        Assert.Equal(new RestoreSetAside("api", aside.Id, aside.Name, "api-1", null), Assert.Single(plan.Restores).Operation);
        Assert.DoesNotContain(plan.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Plan_ForARollback_BringsBackEveryContainerSetAside_EvenWhenItsReplacementRunsTheTarget()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var replacement = Container(desired, "api", Given.New);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1");

        var plan = ServicePlanner.Plan(desired, [Observed("api", replacement, aside)], Given.New, switching: false, proven: true, bootstrap: true, rollback: true);

        Assert.Single(plan.Restores);
        Assert.Empty(plan.Removals);
    }

    [Fact]
    public void SetAsideDiagnostics_WhenOnlyAContainerSetAsideIsLeft_SaysHowToPutItBack()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1");

        var warning = Assert.Single(ServicePlanner.SetAsideDiagnostics("api", [aside]));

        Assert.Equal(
            "service api has no running container; api-1-horadus-aside-0123456789ab (exited) was set aside by an apply that did not finish: " +
            "`docker rename api-1-horadus-aside-0123456789ab api-1` and `docker start api-1` it",
            warning.Summary);
    }

    [Fact]
    public void Plan_WithAContainerSetAside_NamesNoEnvironmentValue()
    {
        using var desired = Given.Desired(services: [Service("api")]);
        var aside = SetAside(Container(desired, "api", Given.Old), "api-1") with { RawSecretVariables = ["DATABASE_URL"] };

        var plan = ServicePlanner.Plan(desired, [Observed("api", Container(desired, "api", Given.New), aside)], Given.New, switching: false, proven: true, bootstrap: false);

        // The raw-secret policy is about the service's containers; the one aside is only removed.
        Assert.Empty(plan.Diagnostics);
        Assert.DoesNotContain("DATABASE_URL", string.Join("\n", plan.Removals.Select(c => c.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RefusesStartFirstForAContainerThatPublishesAPort_AndAllowsItForOneThatPublishesNone()
    {
        using var desired = Given.Desired(services: [Service("worker") with { StartFirst = true }]);
        var quiet = Container(desired, "worker", Given.Old);
        var listening = quiet with { PublishedPorts = ["8000/tcp"] };

        var (allowed, none) = PlanServices(desired, [Observed("worker", quiet)], Given.New, switching: true);
        var (refused, errors) = PlanServices(desired, [Observed("worker", listening)], Given.New, switching: true);

        Assert.Single(allowed);
        Assert.Empty(none);
        Assert.Empty(refused);
        Assert.Equal("service 'worker' is start-first, but container worker-1 publishes 8000/tcp: its replacement could not bind them while it runs", Assert.Single(errors).Summary);
    }

    /// <summary>The services' changes in plan order, for a proven target and no bootstrap.</summary>
    private static (IReadOnlyList<Change> Changes, IReadOnlyList<Diagnostic> Diagnostics) PlanServices(
        DesiredState desired, IReadOnlyList<ObservedService> observed, ReleaseStamp target, bool switching)
    {
        var plan = ServicePlanner.Plan(desired, observed, target, switching, proven: true, bootstrap: false);
        return ([.. plan.Restores, .. plan.Rollout, .. plan.Removals], plan.Diagnostics);
    }

    /// <summary>As the Docker adapter reports a container a replacement stopped and renamed aside.</summary>
    private static ObservedContainer SetAside(ObservedContainer container, string originalName) => container with
    {
        Id = "0123456789abcdef0123",
        Name = $"{originalName}-horadus-aside-0123456789ab",
        State = ContainerState.Exited,
        SetAside = true,
        OriginalName = originalName,
    };

    private static ServiceSpec Service(string name, params string[] after) => Given.Service(name, MountPath, after);

    private static ObservedService Observed(string name, params ObservedContainer[] containers) => Given.Observed(name, containers);

    /// <summary>A running container wired as the runbook says, showing <paramref name="mounted"/> (null: cannot be told).</summary>
    private static ObservedContainer Container(DesiredState desired, string service, ReleaseStamp? mounted) => Given.Container(
        service,
        new ContainerMount($"{Given.Root}/current", MountPath, true, mounted is { } m ? $"{Given.Root}/releases/{m}" : null),
        desired.Files.ToDictionary(f => f.Variable, f => $"{MountPath}/{f.Name}"));
}
