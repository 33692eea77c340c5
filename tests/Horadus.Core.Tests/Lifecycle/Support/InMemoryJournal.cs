using Horadus.Core.History;
using Horadus.Core.Ports;

namespace Horadus.Core.Tests.Lifecycle;

/// <summary>The history as the JSON-lines store keeps it: appended lines, the last line of a run wins.</summary>
internal sealed class InMemoryJournal : IHistoryStore
{
    private readonly List<ApplyRecord> _lines = [];

    public IReadOnlyList<ApplyRecord> Read()
    {
        var order = _lines.Select(r => r.Id).Distinct().ToList();
        return order.Select(id => _lines.Last(r => r.Id == id)).ToList();
    }

    public void Append(ApplyRecord record) => _lines.Add(record);
}

/// <summary>The lock: one run at a time is the test's own doing; taking it makes the root, as the file lock does.</summary>
internal sealed class InMemoryLock(InMemorySecretsHost host) : IApplyLock
{
    public IDisposable Acquire(TimeSpan timeout, bool createRoot, CancellationToken cancellationToken)
    {
        host.RootExists |= createRoot;
        return new Released();
    }

    private sealed class Released : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

/// <summary>Thrown at the armed fault point: everything after it in the run is not done, as after a kill -9.</summary>
internal sealed class SimulatedKill(string point) : Exception($"killed at {point}");

/// <summary>Arms one fault point (a prefix, its first time), then disarms itself.</summary>
internal sealed class KillSwitch : IFaultPoints
{
    public string? Armed { get; set; }

    public bool Fired { get; private set; }

    public void Reach(string point)
    {
        if (Armed is { } armed && (point == armed || point.StartsWith(armed + ":", StringComparison.Ordinal)))
        {
            Armed = null;
            Fired = true;
            throw new SimulatedKill(point);
        }
    }

    public void Reset()
    {
        Armed = null;
        Fired = false;
    }
}
