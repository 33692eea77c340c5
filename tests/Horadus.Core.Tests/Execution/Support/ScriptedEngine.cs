using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Execution;

/// <summary>Answers inspect with the n-th scripted state (1-based) and a fixed log; nothing else is needed by the gates.</summary>
internal sealed class ScriptedEngine(Func<int, ObservedContainer> inspect) : IContainerEngine
{
    private int _inspections;

    public IReadOnlyList<string> Log { get; init; } = [];

    /// <summary>A running container of the api, started at <paramref name="startedAt"/>.</summary>
    public static ObservedContainer Running(DateTimeOffset startedAt) => new(
        "api-1", "api-1", "horadus-api:latest", ContainerState.Running, ContainerHealth.None, 0, startedAt, [],
        new Dictionary<string, string>(), [], new Dictionary<string, string>());

    public Task<ObservedContainer> InspectAsync(string containerId, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken) =>
        Task.FromResult(inspect(++_inspections));

    /// <summary>The <c>since</c> of each log read, in order.</summary>
    public List<DateTimeOffset?> LogsSince { get; } = [];

    public Task<IReadOnlyList<string>> LogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken)
    {
        LogsSince.Add(since);
        return Task.FromResult(Log);
    }

    /// <summary>The signals sent, in order.</summary>
    public List<(string ContainerId, string Signal)> Signals { get; } = [];

    public Task SignalAsync(string containerId, string signal, CancellationToken cancellationToken)
    {
        Signals.Add((containerId, signal));
        return Task.CompletedTask;
    }

    public Task RestartAsync(string containerId, TimeSpan stopTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<EngineInfo> ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ObservedContainer>> FindAsync(ContainerSelector selector, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ReplacedContainer> ReplaceAsync(string containerId, ReplacementSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CommitAsync(ReplacedContainer replaced, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RestoreAsync(ReplacedContainer replaced, TimeSpan stopTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<OneOffResult> RunOneOffAsync(OneOffSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<(int Uid, int Gid)> ResolveImageUserAsync(string image, string user, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Answers the n-th probe (1-based) as scripted, and counts the calls.</summary>
internal sealed class ScriptedProbe(Func<int, HttpProbeResult> answer) : IHttpProbe
{
    public int Calls { get; private set; }

    public Task<HttpProbeResult> GetAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(answer(++Calls));
}
