using Horadus.Core.Execution;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Core.Tests.Execution;

/// <summary>The gates on a scripted engine and probe, on a fake clock: what passes, what fails, and when.</summary>
public sealed class HealthGateRunnerTests
{
    private static readonly Uri Health = new("http://127.0.0.1:8000/health");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WaitHealthy_CountsStableForFromTheFirstPassingAnswer_NotFromTheContainerStart()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(startedAt: Start.AddHours(-1)));
        var probe = new ScriptedProbe(_ => time.GetUtcNow() - Start < TimeSpan.FromSeconds(0.5)
            ? new HttpProbeResult(500, "starting", null)
            : new HttpProbeResult(200, "ok", null));
        var spec = Spec(Gates(http: true, stableFor: TimeSpan.FromSeconds(1)));

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, probe, time), spec, time);

        Assert.Null(failure);
        Assert.True(took >= TimeSpan.FromSeconds(1.5), $"passed after {took}: the first 200 came at 0.5s, and it must hold 1s");
        Assert.True(took < TimeSpan.FromSeconds(2), $"passed after {took}: the hold is counted from the first 200, not from a later poll");
    }

    [Fact]
    public async Task WaitHealthy_WhenTheContainerExits_FailsAtOnceWithTheExitCodeAndTheLogTail()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(n => n < 3 ? ScriptedEngine.Running(Start) : ScriptedEngine.Running(Start) with { State = ContainerState.Exited, ExitCode = 3 })
        {
            Log = ["booting", "fatal: bad credentials"],
        };
        var spec = Spec(Gates(http: false, stableFor: TimeSpan.FromSeconds(5)));

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), spec, time);

        Assert.NotNull(failure);
        Assert.Equal("running", failure.Gate);
        Assert.Equal("container api-1 exited (exit code 3)", failure.LastAnswer);
        Assert.Equal(["booting", "fatal: bad credentials"], failure.LogTail);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took} of a 60s deadline");
    }

    [Fact]
    public async Task WaitHealthy_WhenTheRestartPolicyRestartsTheContainer_FailsAtOnce()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(n => n < 2 ? ScriptedEngine.Running(Start) : ScriptedEngine.Running(Start) with { RestartCount = 1 });

        var (failure, _) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), Spec(Gates(http: false)), time);

        Assert.NotNull(failure);
        Assert.Equal("running", failure.Gate);
        Assert.Equal("container api-1 exited and was restarted by its restart policy (1 restart)", failure.LastAnswer);
    }

    [Fact]
    public async Task WaitHealthy_WhenTheHealthcheckTurnsUnhealthy_FailsAtOnceOnThatGate()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(n => ScriptedEngine.Running(Start) with { Health = n < 3 ? ContainerHealth.Starting : ContainerHealth.Unhealthy });

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), Spec(Gates(http: true)), time);

        Assert.NotNull(failure);
        Assert.Equal("healthcheck", failure.Gate);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
    }

    [Fact]
    public async Task WaitHealthy_WhenTheUrlNeverAnswersAsExpected_FailsAtTheDeadlineWithTheLastAnswer()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start));
        var probe = new ScriptedProbe(_ => new HttpProbeResult(500, "OPENAI_API_KEY_FILE holds a rejected value", null));

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, probe, time), Spec(Gates(http: true, deadline: TimeSpan.FromSeconds(2))), time);

        Assert.NotNull(failure);
        Assert.Equal($"http {Health}", failure.Gate);
        Assert.Equal("not healthy within 2s; last answer: HTTP 500: OPENAI_API_KEY_FILE holds a rejected value", failure.LastAnswer);
        Assert.InRange(took, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task WaitHealthy_WhenTheLogShowsAFailurePattern_FailsOnTheLogGateNamingThePattern()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start)) { Log = ["worker ready", "ERROR 401 invalid_api_key"] };
        var gates = Gates(http: false) with { LogFailurePatterns = ["AuthenticationError", "invalid_api_key"] };

        var (failure, _) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), Spec(gates), time);

        Assert.NotNull(failure);
        Assert.Equal("log", failure.Gate);
        Assert.Equal("failure pattern 'invalid_api_key' in the log: ERROR 401 invalid_api_key", failure.LastAnswer);
    }

    [Fact]
    public async Task WaitHealthy_AfterAReload_ReadsTheLogAndHoldsRunningFromTheSignal_NotFromTheContainerStart()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start.AddHours(-1))) { Log = ["ready"] };
        var gates = Gates(http: false, stableFor: TimeSpan.FromSeconds(1)) with { LogFailurePatterns = ["invalid_api_key"] };

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), Spec(gates), time, reloadedAt: Start);

        Assert.Null(failure);
        Assert.InRange(took, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.All(engine.LogsSince, since => Assert.Equal(Start, since));
    }

    [Fact]
    public async Task WaitHealthy_WhenAReloadedContainerWasStartedAgain_FailsAtOnce_ItDidNotSurviveTheSignal()
    {
        var time = new FakeTimeProvider(Start);
        var engine = new ScriptedEngine(_ => ScriptedEngine.Running(Start.AddMilliseconds(300)));

        var (failure, took) = await RunAsync(new HealthGateRunner(engine, new ScriptedProbe(_ => new HttpProbeResult(200, "ok", null)), time), Spec(Gates(http: true)), time, reloadedAt: Start);

        Assert.NotNull(failure);
        Assert.Equal("running", failure.Gate);
        Assert.Equal("container api-1 was started again after the reload (it did not survive the signal)", failure.LastAnswer);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
    }

    private static async Task<(GateFailure? Failure, TimeSpan Took)> RunAsync(HealthGateRunner runner, ServiceSpec spec, FakeTimeProvider time, DateTimeOffset? reloadedAt = null)
    {
        var task = runner.WaitHealthyAsync(spec, "api-1", [], _ => { }, TestContext.Current.CancellationToken, reloadedAt: reloadedAt);
        for (var step = 0; !task.IsCompleted && step < 2000; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(task.IsCompleted, "the gate runner never finished");
        return (await task, time.GetUtcNow() - Start);
    }

    private static HealthGates Gates(bool http, TimeSpan? stableFor = null, TimeSpan? deadline = null) => new(
        http ? new HttpGate(Health, 200, null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250)) : null,
        true,
        stableFor ?? TimeSpan.FromSeconds(1),
        [],
        deadline ?? TimeSpan.FromSeconds(60));

    private static ServiceSpec Spec(HealthGates gates) =>
        new("api", ContainerSelector.Compose("horadus", "api"), "/run/secrets/horadus", TimeSpan.FromSeconds(10), [], gates, null);
}
