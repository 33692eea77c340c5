using System.Globalization;
using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.History;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Core.Tests.Lifecycle;

/// <summary>
/// One host with two services (api, then worker) driven through the real Reconciler, planner, executor and ledger, with
/// in-memory ports. Releases are good or bad (a bad one's containers report unhealthy); any fault point can be a kill.
/// With a <see cref="ReloadStrategy"/>, both services reload in place instead of being recreated.
/// </summary>
internal sealed class LifecycleWorld
{
    public const string Root = "/srv/horadus/secrets";
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    internal const string MountPath = "/run/secrets/horadus";

    private readonly HashSet<ReleaseStamp> _bad = [];
    private readonly Func<ReleaseStamp, DesiredState> _desired;
    private int _stamps;

    public LifecycleWorld(ReloadStrategy? reload = null)
    {
        Host = new InMemorySecretsHost(Root);
        var files = reload is null ? MountPath : $"{MountPath}/current";
        Engine = new SimulatedEngine(Host, MountPath, new Dictionary<string, string> { ["API_KEY_FILE"] = $"{files}/api_key" }, _bad.Contains, Kill, reloads: reload is not null);
        _desired = stamp => new DesiredState(
            Root,
            DeploymentEnvironment.Production,
            stamp,
            [new DesiredFile("api_key", "API_KEY_FILE", new SecretValue(Encoding.UTF8.GetBytes((_bad.Contains(stamp) ? "bad-" : "good-") + stamp), Planning.Given.Key))],
            new Ownership(10001, 10001),
            ModePolicy.RunbookDefaults,
            new RetentionPolicy(1, Window),
            [Service("api") with { Reload = reload }, Service("worker", "api") with { Reload = reload }]);
        Host.BeforeDelete = CheckRetention;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public InMemorySecretsHost Host { get; }

    public InMemoryJournal Journal { get; } = new();

    public KillSwitch Kill { get; } = new();

    public SimulatedEngine Engine { get; }

    public ReleaseStamp Desired { get; private set; }

    public ReleaseLedger Ledger => new(Journal.Read());

    public List<string> Violations { get; } = [];

    /// <summary>A first release, bootstrapped, then the services started on it, as an operator does on day one.</summary>
    public async Task StartAsync()
    {
        Desired = NewStamp(bad: false);
        var first = await ApplyAsync(new PlanOptions(Bootstrap: true));
        if (first.Result?.Status != ApplyStatus.Applied)
        {
            Violations.Add($"the first deployment did not apply: {first.Result?.Status} {first.Result?.Error}");
        }

        Engine.Start("api");
        Engine.Start("worker");
    }

    public ReleaseStamp NewStamp(bool bad)
    {
        var stamp = ReleaseStamp.Parse(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(++_stamps).ToString(ReleaseStamp.Format, CultureInfo.InvariantCulture));
        if (bad)
        {
            _bad.Add(stamp);
        }

        return stamp;
    }

    public void Rotate(bool bad) => Desired = NewStamp(bad);

    public Reconciler Reconciler() => new(Host, new InMemoryLock(Host), Journal, Engine, new NoProbe(), Time, IApplyObserver.None, Kill);

    public async Task<(ApplyResult? Result, bool Killed)> ApplyAsync(PlanOptions options, string? killAt = null)
    {
        using var desired = _desired(Desired);
        return await RunAsync(() => Reconciler().ApplyAsync(desired, new ApplyOptions(TimeSpan.Zero, null, options), (_, _) => Task.FromResult(Approval.Granted), CancellationToken.None), killAt);
    }

    public async Task<(ApplyResult? Result, bool Killed)> RollbackAsync(string? killAt = null)
    {
        using var desired = _desired(Desired);
        return await RunAsync(() => Reconciler().RollbackAsync(desired, null, new ApplyOptions(TimeSpan.Zero), (_, _) => Task.FromResult(Approval.Granted), CancellationToken.None), killAt);
    }

    public async Task<Plan> PlanAsync()
    {
        using var desired = _desired(Desired);
        return await Reconciler().PlanAsync(desired, PlanOptions.Default, CancellationToken.None);
    }

    private async Task<(ApplyResult? Result, bool Killed)> RunAsync(Func<Task<ApplyResult>> run, string? killAt)
    {
        Kill.Reset();
        Kill.Armed = killAt;
        try
        {
            return (await run(), false);
        }
        catch (SimulatedKill)
        {
            return (null, true);
        }
        finally
        {
            Kill.Reset();
        }
    }

    /// <summary>Retention never deletes the live release, the last good one, or anything while the live one is inside its window.</summary>
    private void CheckRetention(ReleaseStamp stamp)
    {
        var ledger = Ledger;
        if (stamp == Host.Current)
        {
            Violations.Add($"retention deleted the live release {stamp}");
        }

        if (stamp == ledger.LastGood)
        {
            Violations.Add($"retention deleted the last good release {stamp}");
        }

        if (Host.Current is { } live && ledger.Standing(live)?.LiveSince is { } since && Time.GetUtcNow() - since < Window)
        {
            Violations.Add($"retention deleted {stamp} inside the stability window of {live}");
        }
    }

    /// <summary>A compose service of the model: gated on the container's health alone, at once (no hold, no HTTP).</summary>
    internal static ServiceSpec Service(string name, params string[] after) => new(
        name,
        ContainerSelector.Compose("horadus", name),
        MountPath,
        TimeSpan.FromSeconds(1),
        after,
        new HealthGates(null, true, TimeSpan.Zero, [], TimeSpan.FromSeconds(5)),
        null);

    private sealed class NoProbe : IHttpProbe
    {
        public Task<HttpProbeResult> GetAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException("no HTTP gate in the model");
    }
}
