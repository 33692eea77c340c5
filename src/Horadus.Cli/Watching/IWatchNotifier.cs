using Horadus.Core.Watching;

namespace Horadus.Cli.Watching;

/// <summary>Where the daemon's transitions are told; never throws for a receiver that is down.</summary>
internal interface IWatchNotifier
{
    Task SendAsync(WatchEvent watchEvent, CycleOutcome outcome, CancellationToken cancellationToken);
}
