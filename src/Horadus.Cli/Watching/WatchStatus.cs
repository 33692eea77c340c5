using Horadus.Core.Watching;

namespace Horadus.Cli.Watching;

/// <summary>What <c>.horadus/watch.json</c> holds: the daemon's last cycle, for <c>horadus status</c>.</summary>
public sealed record WatchStatus(int Pid, DriftPolicy Policy, TimeSpan Interval, CycleOutcome Last, DateTimeOffset NextAround);
