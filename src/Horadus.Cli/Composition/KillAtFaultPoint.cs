using System.Diagnostics;
using Horadus.Core.Ports;

namespace Horadus.Cli.Composition;

/// <summary>
/// The test switch of the kill harness: <c>HORADUS_FAULT_POINT=NAME</c> (or <c>NAME#N</c>, its N-th time) makes the
/// process kill itself with SIGKILL at that point, as a power cut or an OOM kill would. Nothing else arms a fault point.
/// </summary>
internal sealed class KillAtFaultPoint(string point, int occurrence) : IFaultPoints
{
    public const string Variable = "HORADUS_FAULT_POINT";

    private int _seen;

    public static IFaultPoints From(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return IFaultPoints.None;
        }

        var hash = setting.LastIndexOf('#');
        return hash > 0 && int.TryParse(setting[(hash + 1)..], out var n) && n > 0
            ? new KillAtFaultPoint(setting[..hash], n)
            : new KillAtFaultPoint(setting, 1);
    }

    public void Reach(string reached)
    {
        if ((reached == point || reached.StartsWith(point + ":", StringComparison.Ordinal)) && Interlocked.Increment(ref _seen) == occurrence)
        {
            Console.Error.WriteLine($"horadus: killed at fault point {reached} ({Variable})");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }
}
