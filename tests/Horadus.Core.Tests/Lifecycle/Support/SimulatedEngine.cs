using Horadus.Core.Desired;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Lifecycle;

/// <summary>
/// Containers in memory that behave like the Docker adapter's: a replacement renames the old one aside, stops it, then
/// creates and starts the new one (each step a fault point); a container mounts what <c>current</c> names when it starts;
/// it is healthy unless the release it mounts is a bad one. With <paramref name="reloads"/>, a container mounts the whole root
/// and holds the release <c>current</c> named when it started or was last signalled, whatever <c>current</c> names now.
/// </summary>
internal sealed class SimulatedEngine(InMemorySecretsHost host, string mountPath, IReadOnlyDictionary<string, string> fileVariables, Func<ReleaseStamp, bool> isBad, IFaultPoints faults, bool reloads = false) : IContainerEngine
{
    private readonly List<Container> _containers = [];
    private int _nextId;

    public IEnumerable<(string Service, string Name, bool Running, bool SetAside, ReleaseStamp? Mounted)> Containers =>
        _containers.Select(c => (c.Service, c.Name, c.Running, c.Aside, c.Mounted));

    /// <summary>
    /// When set, the engine serves that many more container changes (replace, signal, restart), then refuses every one
    /// (a daemon gone mid-run); null: it always serves.
    /// </summary>
    public int? ServesBeforeRefusing { get; set; }

    public void Start(string service) => _containers.Add(new Container(NextId(), $"{service}-1", service) { Running = true, Mounted = host.Current });

    public Task<EngineInfo> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult(new EngineInfo("memory", "0", "1.41", "linux"));

    public Task<IReadOnlyList<ObservedContainer>> FindAsync(ContainerSelector selector, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken)
    {
        var service = selector.Labels[ContainerSelector.ComposeServiceLabel];
        IReadOnlyList<ObservedContainer> found = _containers.Where(c => c.Service == service).OrderBy(c => c.Aside).Select(Observe).ToList();
        return Task.FromResult(found);
    }

    public Task<ObservedContainer> InspectAsync(string containerId, IReadOnlyCollection<string> secretVariables, CancellationToken cancellationToken) =>
        Task.FromResult(Observe(Find(containerId) ?? throw new ContainerEngineException($"no container {containerId}")));

    public Task<ReplacedContainer> ReplaceAsync(string containerId, ReplacementSpec spec, CancellationToken cancellationToken)
    {
        Refuse();
        var old = Find(containerId) ?? throw new ContainerEngineException($"no container {containerId}");
        var originalName = old.Name;
        var asideName = $"{originalName}-horadus-aside-{old.Id}";
        old.Name = asideName;
        old.Aside = true;
        old.OriginalName = originalName;
        faults.Reach(FaultPoint.ContainerRenamed);
        old.Running = false;
        faults.Reach(FaultPoint.ContainerStopped);
        var replacement = new Container(NextId(), originalName, old.Service);
        _containers.Add(replacement);
        faults.Reach(FaultPoint.ContainerCreated);
        replacement.Running = true;
        replacement.Mounted = host.Current;
        faults.Reach(FaultPoint.ContainerStarted);
        return Task.FromResult(new ReplacedContainer(old.Id, originalName, asideName, replacement.Id));
    }

    public Task CommitAsync(ReplacedContainer replaced, CancellationToken cancellationToken)
    {
        var aside = Find(replaced.OldId);
        if (aside is not null)
        {
            if (aside.Name != replaced.AsideName)
            {
                throw new ContainerEngineException($"{aside.Name} is not set aside");
            }

            _containers.Remove(aside);
        }

        return Task.CompletedTask;
    }

    public Task RestoreAsync(ReplacedContainer replaced, TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        if (Find(replaced.NewId) is { } replacement)
        {
            _containers.Remove(replacement);
            faults.Reach(FaultPoint.ReplacementRemoved);
        }

        var old = Find(replaced.OldId) ?? throw new ContainerEngineException($"the container set aside {replaced.AsideName} is gone");
        old.Name = replaced.OriginalName;
        old.Aside = false;
        old.Running = true;
        old.Mounted = host.Current;
        return Task.CompletedTask;
    }

    public Task SignalAsync(string containerId, string signal, CancellationToken cancellationToken)
    {
        Refuse();
        var container = Find(containerId) ?? throw new ContainerEngineException($"no container {containerId}");
        if (!container.Running)
        {
            throw new ContainerEngineException($"container {containerId} is not running");
        }

        container.Mounted = host.Current;
        return Task.CompletedTask;
    }

    public Task RestartAsync(string containerId, TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        Refuse();
        var container = Find(containerId) ?? throw new ContainerEngineException($"no container {containerId}");
        container.Running = true;
        container.Mounted = host.Current;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> LogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<OneOffResult> RunOneOffAsync(OneOffSpec spec, CancellationToken cancellationToken) => Task.FromResult(new OneOffResult(0, string.Empty, false));

    public Task<(int Uid, int Gid)> ResolveImageUserAsync(string image, string user, CancellationToken cancellationToken) => throw new NotSupportedException();

    private void Refuse()
    {
        if (ServesBeforeRefusing is { } left)
        {
            ServesBeforeRefusing = left - 1;
            if (left <= 0)
            {
                throw new ContainerEngineException("Cannot reach the Docker engine (simulated)");
            }
        }
    }

    private Container? Find(string id) => _containers.FirstOrDefault(c => c.Id == id);

    private string NextId() => $"c{++_nextId:D11}";

    private ObservedContainer Observe(Container c) => new(
        c.Id,
        c.Name,
        "horadus-api:latest",
        c.Running ? ContainerState.Running : ContainerState.Exited,
        !c.Running ? ContainerHealth.None : c.Mounted is { } m && isBad(m) ? ContainerHealth.Unhealthy : ContainerHealth.Healthy,
        0,
        DateTimeOffset.UnixEpoch,
        [reloads
            ? new ContainerMount(host.Root, mountPath, true, host.Root)
            : new ContainerMount($"{host.Root}/current", mountPath, true, c.Mounted is { } mounted ? $"{host.Root}/releases/{mounted}" : null)],
        fileVariables,
        [],
        new Dictionary<string, string> { [ContainerSelector.ComposeServiceLabel] = c.Service },
        SetAside: c.Aside,
        OriginalName: c.OriginalName);

    private sealed class Container(string id, string name, string service)
    {
        public string Id { get; } = id;

        public string Name { get; set; } = name;

        public string Service { get; } = service;

        public bool Running { get; set; }

        public bool Aside { get; set; }

        public string? OriginalName { get; set; }

        public ReleaseStamp? Mounted { get; set; }
    }
}
