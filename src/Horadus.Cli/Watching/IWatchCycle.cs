using Horadus.Core.Watching;

namespace Horadus.Cli.Watching;

/// <summary>One cycle of the daemon; never throws but on stop. The seam the daemon's loop is tested through.</summary>
internal interface IWatchCycle
{
    Task<CycleOutcome> RunAsync(CancellationToken stopping);
}
