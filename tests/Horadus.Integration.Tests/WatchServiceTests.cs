using Horadus.Cli.Composition;
using Horadus.Cli.Watching;
using Horadus.Core.Drift;
using Horadus.Core.Watching;
using Horadus.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Horadus.Integration.Tests;

/// <summary>The daemon's loop on a fake clock: when each cycle runs, and which transitions are told.</summary>
public sealed class WatchServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheLoop_RunsEveryInterval_BacksOffAfterErrors_AndTellsTransitionsOnly()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteValues("v1");
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        CycleState[] script = [CycleState.InSync, CycleState.Error, CycleState.Error, CycleState.InSync, CycleState.Drifted, CycleState.Drifted, CycleState.InSync];
        var cycle = new ScriptedCycle(time, script, sandbox.Root);
        var notifier = new RecordingNotifier();
        using var metrics = new WatchMetrics();
        using var services = new ServiceCollection().BuildServiceProvider();
        var context = new CliContext
        {
            Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
            Error = TextWriter.Null,
            Input = TextReader.Null,
            IsInteractive = false,
            Environment = _ => null,
            WorkingDirectory = sandbox.Directory,
            Time = time,
        };
        var options = new WatchOptions(new ManifestOptions(sandbox.ManifestPath, null, null), Interval, DriftPolicy.Report, TimeSpan.Zero, null, null, TimeSpan.Zero, Once: false);
        using var service = new WatchService(context, options, metrics, NullLogger<WatchService>.Instance, new Lifetime(), services, cycle, notifier, () => 0.5);

        await service.StartAsync(TestContext.Current.CancellationToken);
        // With the jitter's draw in the middle, the delays are exact: the interval, then 5 s and 10 s of backoff.
        TimeSpan[] delays = [Interval, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), Interval, Interval, Interval];
        for (var i = 0; i < delays.Length; i++)
        {
            await cycle.UntilCallsAsync(i + 1);
            await RecordingNotifier.UntilSettledAsync();
            time.Advance(delays[i]);
        }

        await cycle.UntilCallsAsync(script.Length);
        await service.StopAsync(TestContext.Current.CancellationToken);

        var start = cycle.Calls[0];
        Assert.Equal([0, 60, 65, 75, 135, 195, 255], cycle.Calls.Select(c => (c - start).TotalSeconds));
        Assert.Equal([WatchEvent.ErrorAppeared, WatchEvent.ErrorResolved, WatchEvent.DriftAppeared, WatchEvent.DriftResolved], notifier.Events);
        var status = new Horadus.Host.State.StateFile<WatchStatus>(sandbox.Root, "watch.json", Horadus.Core.Serialization.HoradusJson.Info<WatchStatus>(Horadus.Cli.Rendering.CliJson.State)).Read();
        Assert.Equal(CycleState.InSync, status!.Last.State);
    }

    private sealed class ScriptedCycle(TimeProvider time, IReadOnlyList<CycleState> script, string root) : IWatchCycle
    {
        private readonly List<DateTimeOffset> _calls = [];

        public string? Root => root;

        public IReadOnlyList<DateTimeOffset> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public Task<CycleOutcome> RunAsync(CancellationToken stopping)
        {
            int index;
            lock (_calls)
            {
                _calls.Add(time.GetUtcNow());
                index = Math.Min(_calls.Count - 1, script.Count - 1);
            }

            return Task.FromResult(new CycleOutcome(script[index], time.GetUtcNow(), TimeSpan.Zero, new Dictionary<DriftKind, int>(), "20260215T090000Z", null, false, null));
        }

        public async Task UntilCallsAsync(int count)
        {
            for (var waited = 0; Calls.Count < count; waited += 10)
            {
                Assert.True(waited < 10_000, $"cycle {count} did not run ({Calls.Count} ran)");
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }
    }

    private sealed class RecordingNotifier : IWatchNotifier
    {
        private readonly List<WatchEvent> _events = [];

        public IReadOnlyList<WatchEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public Task SendAsync(WatchEvent watchEvent, CycleOutcome outcome, CancellationToken cancellationToken)
        {
            lock (_events)
            {
                _events.Add(watchEvent);
            }

            return Task.CompletedTask;
        }

        /// <summary>
        /// A short real pause: after a cycle the service writes its state and tells its transitions, then waits on the fake
        /// clock; the clock is moved once it waits (a move before would be lost, and the next cycle would not come).
        /// </summary>
        public static Task UntilSettledAsync() => Task.Delay(250, TestContext.Current.CancellationToken);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
