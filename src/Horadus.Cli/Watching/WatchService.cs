using Horadus.Core.Serialization;
using Horadus.Cli.Composition;
using Horadus.Core.Watching;
using Horadus.Host.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Horadus.Cli.Watching;

/// <summary>
/// The daemon: a cycle each interval (±5% jitter), backoff after errors, every outcome recorded for <c>status</c>, the
/// metrics updated, and a notification per state transition. A cycle's failure is an outcome, never the end of the host;
/// stopping (SIGTERM) cancels the cycle, and an apply in progress rolls back before the process ends.
/// </summary>
internal sealed class WatchService(
    CliContext context,
    WatchOptions options,
    WatchMetrics metrics,
    ILogger<WatchService> logger,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    IWatchCycle? cycle = null,
    IWatchNotifier? notifier = null,
    Func<double>? random = null) : BackgroundService
{
    private readonly Horadus.Host.Git.GitManifestSource? _source = cycle is null && options.Git is { } git ? new Horadus.Host.Git.GitManifestSource(git, context.Time) : null;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private IWatchCycle? _cycle = cycle;
    private CycleOutcome? _previous;
    private bool _resumedFromState;

    /// <summary>How the last cycle ended: with <c>--once</c>, the process's exit code says it.</summary>
    public CycleOutcome? Last => _previous;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WatchLog.Started(logger, options.Manifest.ManifestPath, options.Interval, options.Policy.ToString().ToLowerInvariant());
        using var webhook = notifier is null && options.Webhook is { } url ? new WebhookNotifier(url, context.Time, logger) : null;
        var tell = notifier ?? webhook;

        var errors = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _cycle ??= new WatchCycle(context, options, _source);
                var outcome = await _cycle.RunAsync(stoppingToken);
                errors = outcome.State == CycleState.Error ? errors + 1 : 0;
                var delay = WatchSchedule.NextDelay(options.Interval, errors, _random());
                await PublishAsync(outcome, _cycle.Root, delay, tell, stoppingToken);
                if (options.Once)
                {
                    break;
                }

                await Task.Delay(delay, context.Time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            WatchLog.Stopping(logger);
        }
        finally
        {
            _source?.Dispose();
            if (options.Once)
            {
                lifetime.StopApplication();
            }
        }
    }

    /// <param name="root">The root the cycle read (from disk or from the fetched manifest); null when it could read none.</param>
    private async Task PublishAsync(CycleOutcome outcome, string? root, TimeSpan delay, IWatchNotifier? notifier, CancellationToken stoppingToken)
    {
        if (outcome.State == CycleState.Error)
        {
            WatchLog.CycleError(logger, outcome.Message, delay);
        }
        else
        {
            WatchLog.Cycle(logger, outcome.State.ToString(), outcome.Live, outcome.Drift.Values.Sum(), (long)outcome.Took.TotalMilliseconds);
        }

        metrics.Record(outcome);
        // Registered only when running as a systemd service.
        if (services.GetService(typeof(Microsoft.Extensions.Hosting.Systemd.ISystemdNotifier)) is Microsoft.Extensions.Hosting.Systemd.ISystemdNotifier { IsEnabled: true } systemd)
        {
            // A cycle that ended, whatever its outcome, is a daemon alive: systemd's watchdog (WatchdogSec) restarts a hung one.
            systemd.Notify(new Microsoft.Extensions.Hosting.Systemd.ServiceState("WATCHDOG=1"));
        }

        var state = root is null ? null : new StateFile<WatchStatus>(root, "watch.json", Rendering.CliJson.State.Info<WatchStatus>());
        if (!_resumedFromState && state is not null)
        {
            // A restarted daemon continues from the last cycle it recorded: a state that persists is not announced again.
            _previous ??= state.Read()?.Last;
            _resumedFromState = true;
        }

        try
        {
            state?.Write(new WatchStatus(Environment.ProcessId, options.Policy, options.Interval, outcome, context.Time.GetUtcNow() + delay));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A root that cannot take it is already this cycle's error; the next cycle tries again.
        }

        foreach (var watchEvent in WatchTransitions.Between(_previous, outcome))
        {
            WatchLog.Transition(logger, watchEvent.ToString(), outcome.Live, outcome.Message ?? outcome.State.ToString());
            if (notifier is not null)
            {
                await notifier.SendAsync(watchEvent, outcome, stoppingToken);
            }
        }

        _previous = outcome;
    }
}
