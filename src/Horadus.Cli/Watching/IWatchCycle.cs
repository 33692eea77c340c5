using Horadus.Core.Watching;

namespace Horadus.Cli.Watching;

/// <summary>One cycle of the daemon; never throws but on stop. The seam the daemon's loop is tested through.</summary>
internal interface IWatchCycle
{
    Task<CycleOutcome> RunAsync(CancellationToken stopping);

    /// <summary>The secrets root of the last cycle that could read its manifest (null until one could).</summary>
    string? Root { get; }
}
