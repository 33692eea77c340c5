using Horadus.Core.Drift;
using Horadus.Core.Watching;
using Prometheus;

namespace Horadus.Cli.Watching;

/// <summary>
/// The daemon's Prometheus metrics, named as Flux and Argo CD name theirs, on a registry of its own; served on a loopback
/// address only. Labels hold kinds, outcomes, stamps and revisions: never a value.
/// </summary>
internal sealed class WatchMetrics : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Histogram _duration;
    private readonly Gauge _drift;
    private readonly Gauge _release;
    private readonly Counter _applies;
    private readonly Counter _rollbacks;
    private readonly Gauge _suspended;
    private MetricServer? _server;

    public WatchMetrics()
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _duration = factory.CreateHistogram("horadus_reconcile_duration_seconds", "How long one reconcile cycle took.");
        _drift = factory.CreateGauge("horadus_drift_items", "Differences between the host and the manifest at the last cycle, by kind.", "kind");
        _release = factory.CreateGauge("horadus_release_info", "The live release and the manifest's revision (value 1).", "stamp", "revision");
        _applies = factory.CreateCounter("horadus_apply_total", "Applies by the daemon, by outcome.", "outcome");
        _rollbacks = factory.CreateCounter("horadus_rollbacks_total", "Applies that failed their gates and were rolled back.");
        _suspended = factory.CreateGauge("horadus_suspended", "1 while an operator has suspended the daemon.");
    }

    public void Serve(string host, int port)
    {
        _server = new MetricServer(host, port, "metrics/", _registry);
        _server.Start();
    }

    public void Record(CycleOutcome outcome)
    {
        _duration.Observe(outcome.Took.TotalSeconds);
        foreach (var kind in Enum.GetValues<DriftKind>())
        {
            _drift.WithLabels(Name(kind)).Set(outcome.Drift.GetValueOrDefault(kind));
        }

        if (outcome.Live is { } live)
        {
            foreach (var labels in _release.GetAllLabelValues().ToList())
            {
                _release.RemoveLabelled(labels);
            }

            _release.WithLabels(live, outcome.Revision ?? "").Set(1);
        }

        switch (outcome.State)
        {
            case CycleState.Applied:
                _applies.WithLabels("succeeded").Inc();
                break;
            case CycleState.RolledBack:
                _applies.WithLabels("rolled_back").Inc();
                _rollbacks.Inc();
                break;
            case CycleState.ApplyFailed:
                _applies.WithLabels("failed").Inc();
                break;
        }

        _suspended.Set(outcome.Suspended ? 1 : 0);
    }

    private static string Name(DriftKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public void Dispose() => _server?.Dispose();
}
