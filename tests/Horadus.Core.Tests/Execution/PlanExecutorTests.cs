using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Tests.Lifecycle;
using Horadus.Core.Tests.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Core.Tests.Execution;

/// <summary>The executor on its own, with the in-memory host and the simulated engine: it performs steps, in order, and says where it stopped.</summary>
public sealed class PlanExecutorTests
{
    private const string MountPath = LifecycleWorld.MountPath;
    private static readonly ReleaseStamp Good = ReleaseStamp.Parse("20260101T000000Z");
    private static readonly ReleaseStamp Bad = ReleaseStamp.Parse("20260102T000000Z");

    private readonly InMemorySecretsHost _host = new(Given.Root);
    private readonly SimulatedEngine _engine;

    public PlanExecutorTests()
    {
        _engine = new SimulatedEngine(_host, MountPath, new Dictionary<string, string> { ["API_KEY_FILE"] = $"{MountPath}/api_key" }, s => s == Bad, IFaultPoints.None);
    }

    [Fact]
    public async Task Run_RecreatesWaveByWave_AndStopsAtTheFirstGateThatFails_LeavingTheLaterWavesAlone()
    {
        using var desired = Desired(Bad);
        Deploy(desired, Good, "api", "worker");
        var executor = Executor();
        var plan = await PlanAsync(desired);

        var result = await executor.RunAsync(desired, PlanKind.Apply, plan.Changes, CancellationToken.None);

        var failure = Assert.IsType<StepFailure>(result.Failure);
        Assert.True(failure.Judged);
        Assert.Equal(GateKind.Healthcheck, failure.Gate!.Kind);
        Assert.Equal("api", failure.Gate.Service);
        Assert.True(result.Switched);
        Assert.Single(executor.SetAside);
        Assert.Contains(_engine.Containers, c => c is { Service: "worker", SetAside: false, Running: true } && c.Mounted == Good);
        Assert.DoesNotContain(result.Applied, c => c.Operation is RecreateService);
    }

    [Fact]
    public async Task Run_OfARollbackPlan_BringsBackEveryContainerSetAside_AndGatesThem()
    {
        using var bad = Desired(Bad);
        Deploy(bad, Good, "api", "worker");
        await Executor().RunAsync(bad, PlanKind.Apply, (await PlanAsync(bad)).Changes, CancellationToken.None);
        using var good = Desired(Good);
        var rollback = Planner.PlanRollback(good, _host.Observe(), await ObserveAsync(good), History.ReleaseLedger.Empty, Good, byOperator: false);

        var result = await Executor().RunAsync(good, PlanKind.Rollback, rollback.Changes, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal([typeof(SwitchCurrent), typeof(RestoreSetAside)], result.Applied.Select(c => c.Operation.GetType()));
        Assert.Equal(Good, _host.Current);
        Assert.All(_engine.Containers, c => Assert.Equal((true, false, (ReleaseStamp?)Good), (c.Running, c.SetAside, c.Mounted)));
    }

    [Fact]
    public async Task Run_WhenAHostStepFails_StopsThere_WithAFailureThatJudgesNothing()
    {
        using var desired = Desired(Good);
        var missing = new Change(ChangeAction.Update, "current", null, "releases/20260101T000000Z", "test", new SwitchCurrent(null, Good));

        var result = await Executor().RunAsync(desired, PlanKind.Apply, [missing], CancellationToken.None);

        var failure = Assert.IsType<StepFailure>(result.Failure);
        Assert.False(failure.Judged);
        Assert.Null(failure.Gate);
        Assert.Empty(result.Applied);
    }

    [Fact]
    public async Task Commit_RemovesWhatTheRunSetAside()
    {
        using var desired = Desired(ReleaseStamp.Parse("20260103T000000Z"));
        Deploy(desired, Good, "api", "worker");
        var executor = Executor();
        var result = await executor.RunAsync(desired, PlanKind.Apply, (await PlanAsync(desired)).Changes, CancellationToken.None);

        var warnings = await executor.CommitAsync();

        Assert.Null(result.Failure);
        Assert.Empty(warnings);
        Assert.Empty(executor.SetAside);
        Assert.Equal(2, _engine.Containers.Count());
        Assert.DoesNotContain(_engine.Containers, c => c.SetAside);
    }

    [Fact]
    public async Task Run_StartsTheNextWaveAtTheFirstPassingGates_AndHoldsTheEarlierWaveAlongsideIt()
    {
        var time = new FakeTimeProvider(Given.Now);
        var recorder = new ProgressRecorder(time);
        using var desired = Desired(ReleaseStamp.Parse("20260103T000000Z")) with { Services = [HeldApi(), LifecycleWorld.Service("worker", "api")] };
        Deploy(desired, Good, "api", "worker");
        var executor = new PlanExecutor(_host, _engine, new ScriptedProbe(_ => new HttpProbeResult(200, string.Empty, null)), time, recorder, IFaultPoints.None);

        var result = await DriveAsync(executor.RunAsync(desired, PlanKind.Apply, (await PlanAsync(desired)).Changes, CancellationToken.None), time);

        Assert.Null(result.Failure);
        var workerRecreated = recorder.FirstAt("worker", "recreating");
        Assert.True(workerRecreated < Given.Now + ApiHold, $"the worker was recreated at +{workerRecreated - Given.Now}, after the api's {ApiHold} hold");
        Assert.True(time.GetUtcNow() >= Given.Now + ApiHold, "the run ended before the api's hold did");
        Assert.Equal(["api", "worker"], result.Applied.Where(c => c.Operation is RecreateService).Select(c => ((RecreateService)c.Operation).Service));
    }

    [Fact]
    public async Task Run_WhenAnEarlierWaveFailsInsideItsHold_WhileTheNextWaveRuns_FailsTheRunWithEveryReplacedContainerStillSetAside()
    {
        var time = new FakeTimeProvider(Given.Now);
        var turnsBadAt = Given.Now + TimeSpan.FromSeconds(1);
        var probe = new ScriptedProbe(_ => time.GetUtcNow() < turnsBadAt ? new HttpProbeResult(200, string.Empty, null) : new HttpProbeResult(503, "down", null));
        var recorder = new ProgressRecorder(time);
        using var desired = Desired(ReleaseStamp.Parse("20260103T000000Z")) with { Services = [HeldApi(), LifecycleWorld.Service("worker", "api")] };
        Deploy(desired, Good, "api", "worker");
        var executor = new PlanExecutor(_host, _engine, probe, time, recorder, IFaultPoints.None);

        var result = await DriveAsync(executor.RunAsync(desired, PlanKind.Apply, (await PlanAsync(desired)).Changes, CancellationToken.None), time);

        Assert.True(recorder.FirstAt("worker", "recreating") < turnsBadAt, "the worker's wave had not started when the api failed: the test proves nothing");
        var failure = Assert.IsType<StepFailure>(result.Failure);
        Assert.True(failure.Judged);
        Assert.Equal("api", failure.Gate!.Service);
        Assert.Equal(2, executor.SetAside.Count);
        Assert.DoesNotContain(result.Applied, c => c.Operation is RecreateService { Service: "api" });
        Assert.Contains(result.Applied, c => c.Operation is RecreateService { Service: "worker" });
    }

    private static readonly TimeSpan ApiHold = TimeSpan.FromSeconds(3);

    /// <summary>The api with an HTTP gate held for <see cref="ApiHold"/>.</summary>
    private static ServiceSpec HeldApi() => LifecycleWorld.Service("api") with
    {
        Health = new HealthGates(new HttpGate(new Uri("http://127.0.0.1:8000/health"), 200, null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250)), true, ApiHold, [], TimeSpan.FromSeconds(30)),
    };

    /// <summary>Advances the fake clock in small steps until the run ends.</summary>
    private static async Task<T> DriveAsync<T>(Task<T> run, FakeTimeProvider time)
    {
        for (var step = 0; !run.IsCompleted && step < 4000; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(run.IsCompleted, "the run never finished");
        return await run;
    }

    /// <summary><paramref name="live"/> written and live, the services started on it.</summary>
    private void Deploy(DesiredState desired, ReleaseStamp live, params string[] services)
    {
        _host.RootExists = true;
        using var first = desired with { Stamp = live, Files = [new DesiredFile("api_key", "API_KEY_FILE", new SecretValue(Encoding.UTF8.GetBytes("good"), Given.Key))] };
        _host.WriteRelease(live, first.Files, first.Modes, first.Ownership, first.ReleasesOwner);
        _host.SwitchCurrent(live);
        foreach (var service in services)
        {
            _engine.Start(service);
        }
    }

    private PlanExecutor Executor() => new(_host, _engine, new ScriptedProbe(_ => new HttpProbeResult(200, string.Empty, null)), new FakeTimeProvider(), IApplyObserver.None, IFaultPoints.None);

    private async Task<Plan> PlanAsync(DesiredState desired) =>
        Planner.Plan(desired, _host.Observe(), await ObserveAsync(desired), new History.ReleaseLedger([Given.Succeeded(Good, Given.Now)]), Given.Now);

    private async Task<IReadOnlyList<ObservedService>> ObserveAsync(DesiredState desired)
    {
        var services = new List<ObservedService>();
        foreach (var spec in desired.Services)
        {
            services.Add(new ObservedService(spec.Name, await _engine.FindAsync(spec.Selector, [], CancellationToken.None)));
        }

        return services;
    }

    private static DesiredState Desired(ReleaseStamp stamp) => new(
        Given.Root,
        DeploymentEnvironment.Production,
        stamp,
        [new DesiredFile("api_key", "API_KEY_FILE", new SecretValue(Encoding.UTF8.GetBytes(stamp == Bad ? "bad" : "good-" + stamp), Given.Key))],
        new Ownership(10001, 10001),
        ModePolicy.RunbookDefaults,
        new RetentionPolicy(1, TimeSpan.FromHours(1)),
        [LifecycleWorld.Service("api"), LifecycleWorld.Service("worker", "api")]);

    /// <summary>Remembers when (on the fake clock) each progress line was reported.</summary>
    private sealed class ProgressRecorder(TimeProvider time) : IApplyObserver
    {
        private readonly List<(string Address, string Message, DateTimeOffset At)> _lines = [];

        public DateTimeOffset FirstAt(string service, string messageStart)
        {
            lock (_lines)
            {
                return _lines.First(l => l.Address.Contains(service, StringComparison.Ordinal) && l.Message.StartsWith(messageStart, StringComparison.Ordinal)).At;
            }
        }

        public void Starting(Change change)
        {
        }

        public void Finished(Change change)
        {
        }

        public void Progress(string address, string message)
        {
            lock (_lines)
            {
                _lines.Add((address, message, time.GetUtcNow()));
            }
        }
    }
}
