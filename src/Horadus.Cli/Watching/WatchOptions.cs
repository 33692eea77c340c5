using Horadus.Cli.Composition;
using Horadus.Core.Watching;

namespace Horadus.Cli.Watching;

/// <summary>The daemon's settings, from its command line.</summary>
/// <param name="Debounce">After a new release is seen, wait this long and read the manifest again: a burst of commits gives one rotation.</param>
/// <param name="Metrics">host:port of the Prometheus endpoint, a loopback address only; null: no endpoint.</param>
/// <param name="Once">Run one cycle and exit (cron, tests): the exit code says how it ended.</param>
/// <param name="Git">Where the manifest comes from when it is fetched from git each cycle; null: read from disk.</param>
internal sealed record WatchOptions(
    ManifestOptions Manifest,
    TimeSpan Interval,
    DriftPolicy Policy,
    TimeSpan Debounce,
    Uri? Webhook,
    (string Host, int Port)? Metrics,
    TimeSpan LockTimeout,
    bool Once,
    Horadus.Host.Git.GitSourceOptions? Git = null);
