using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Core.Tests.Execution;

namespace Horadus.Core.Tests.Swarm;

/// <summary>
/// Going back while Swarm goes back by itself: its own rollback (failure_action) can swap the specs between Horadus's look
/// and its rollback request, which the engine then refuses. Seen in CI on the real engine; here on a scripted swarm.
/// </summary>
public sealed class SwarmRollbackTests
{
    private static readonly SwarmSecretReference Good = new("s-good", "horadus_api_keys_good", "/run/secrets/horadus/api_keys", 0, 0, 0x1A0);
    private static readonly SwarmSecretReference Bad = new("s-bad", "horadus_api_keys_bad", "/run/secrets/horadus/api_keys", 0, 0, 0x1A0);

    [Fact]
    public async Task A_refused_rollback_of_a_service_Swarm_already_brought_back_is_gated_not_failed()
    {
        var swarm = new ScriptedSwarm(OnBad(), Back());

        var failure = await RollbackAsync(swarm);

        Assert.Null(failure);
        Assert.Equal(1, swarm.RollbackRequests);
    }

    [Fact]
    public async Task A_refused_rollback_of_a_service_still_on_the_failed_release_stands()
    {
        var swarm = new ScriptedSwarm(OnBad(), OnBad());

        await Assert.ThrowsAsync<ContainerEngineException>(() => RollbackAsync(swarm));
    }

    private static Task<GateFailure?> RollbackAsync(ScriptedSwarm swarm)
    {
        var spec = new ServiceSpec("api", new ContainerSelector(new Dictionary<string, string>()), "/run/secrets/horadus", TimeSpan.FromSeconds(1), [],
            HealthGates.Default with { StableFor = TimeSpan.Zero, Deadline = TimeSpan.FromSeconds(5) }, null)
        {
            Swarm = new SwarmTarget("horadus_api", SwarmUpdateSettings.Default),
        };
        var change = new Change(ChangeAction.Update, Addresses.SwarmService("api"), "bad", "good", "rollback", new RollbackSwarmService("api", "horadus_api", "bad", 0));
        var rollout = new SwarmRollout(swarm, new SwarmGateRunner(swarm, new ScriptedProbe(_ => new HttpProbeResult(200, string.Empty, null)), TimeProvider.System),
            IApplyObserver.None, IFaultPoints.None, TimeProvider.System);
        return rollout.RollbackAsync(spec, change, CancellationToken.None);
    }

    private static ObservedSwarmService OnBad() => new("horadus_api", "id", 9, [Bad], [Good], SwarmUpdateStatus.Updating,
        [new ObservedSwarmTask("t1", "n1", SwarmTaskState.Starting, [Bad.SecretName], false, null)], "bad");

    private static ObservedSwarmService Back() => new("horadus_api", "id", 10, [Good], [], SwarmUpdateStatus.RollbackCompleted,
        [new ObservedSwarmTask("t2", "n1", SwarmTaskState.Running, [Good.SecretName], false, null)], "good");

    /// <summary>Answers each look with the next state (the last one stays); refuses every rollback, as the engine did.</summary>
    private sealed class ScriptedSwarm(params ObservedSwarmService[] states) : ISwarmEngine
    {
        private int _looks;

        public int RollbackRequests { get; private set; }

        public Task<SwarmSnapshot> ObserveAsync(IReadOnlyCollection<string> services, CancellationToken cancellationToken) =>
            Task.FromResult(new SwarmSnapshot(true, [states[Math.Min(_looks++, states.Length - 1)]], []));

        public Task RollbackServiceAsync(string service, CancellationToken cancellationToken)
        {
            RollbackRequests++;
            throw new ContainerEngineException($"The Docker engine refused to roll back swarm service {service}: service does not have a previous spec");
        }

        public Task<IReadOnlyList<string>> ServiceLogsAsync(string service, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public Task<string> CreateSecretAsync(string name, SecretValue value, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task UpdateServiceAsync(string service, ulong version, IReadOnlyList<SwarmSecretReference> references, SwarmUpdateSettings update, string release, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task RemoveSecretAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
