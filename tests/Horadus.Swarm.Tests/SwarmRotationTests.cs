using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Docker;
using Horadus.Host.Http;

namespace Horadus.Swarm.Tests;

/// <summary>
/// Rotations on a real two-node swarm, through the real adapter, planner and rollout: a task pinned to the worker gets the
/// new versions with a good key; a bad key (the task exits at once) is rolled back to the old versions, which stay.
/// Asserted through the docker CLI, not through the code under test.
/// </summary>
public sealed class SwarmRotationTests(SwarmPair pair) : IClassFixture<SwarmPair>
{
    private static readonly FingerprintKey Key = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);

    [Fact]
    public async Task Rotation_OnTheWorker_GoodKeyMovesTheTask_BadKeyRollsBackToTheOldVersions()
    {
        pair.Require();
        var name = "horadus_swt_" + Guid.NewGuid().ToString("N")[..6];
        SwarmPair.Must(pair.ManagerHost, "service", "create", "-d", "--name", name, "--network", "host",
            "--constraint", $"node.id=={pair.WorkerNodeId}", "--stop-grace-period", "1s", SwarmPair.Image,
            "sh", "-c", "if grep -q bad /run/secrets/horadus/api_keys 2>/dev/null; then exit 3; fi; exec sleep 3600");
        try
        {
            using var engine = new DockerContainerEngine(pair.ManagerHost);
            var spec = Spec(name);
            var first = ReleaseStamp.Parse("20260301T090000Z");
            var good = ReleaseStamp.Parse("20260302T090000Z");
            var bad = ReleaseStamp.Parse("20260303T090000Z");

            Assert.Null(await RotateAsync(engine, spec, first, "key-one-good"));
            Assert.Null(await RotateAsync(engine, spec, good, "key-two-good"));
            Assert.Equal(SwarmSecretName.For("api_keys", good), SecretOfRunningTask(name));

            var failure = await RotateAsync(engine, spec, bad, "key-three-bad");

            Assert.NotNull(failure);
            Assert.Equal(SwarmSecretName.For("api_keys", good), SecretOfRunningTask(name));
            var secrets = SwarmPair.Must(pair.ManagerHost, "secret", "ls", "--format", "{{.Name}}");
            Assert.Contains(SwarmSecretName.For("api_keys", good), secrets, StringComparison.Ordinal);
        }
        finally
        {
            SwarmPair.Run(pair.ManagerHost, "service", "rm", name);
            await Task.Delay(2000, TestContext.Current.CancellationToken);
            foreach (var secret in SwarmPair.Run(pair.ManagerHost, "secret", "ls", "-q", "--filter", "label=horadus.managed=true").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                SwarmPair.Run(pair.ManagerHost, "secret", "rm", secret.Trim());
            }
        }
    }

    /// <summary>Plan and carry out one rotation; on a failed gate, roll the service back as the reconciler does. Returns the gate failure.</summary>
    private static async Task<GateFailure?> RotateAsync(DockerContainerEngine engine, ServiceSpec spec, ReleaseStamp stamp, string apiKeys)
    {
        using var desired = new DesiredState("/unused", DeploymentEnvironment.Production, stamp,
            [new DesiredFile("api_keys", "API_KEYS_FILE", new SecretValue(Encoding.UTF8.GetBytes(apiKeys), Key))],
            new Ownership(0, 0), ModePolicy.RunbookDefaults, RetentionPolicy.Default, [spec]);
        var snapshot = await engine.ObserveAsync([spec.Swarm!.Service], CancellationToken.None);
        var plan = SwarmPlanner.Plan(desired.Files, desired.Services, snapshot, stamp, new HashSet<ReleaseStamp>());
        Assert.DoesNotContain(plan.Diagnostics, d => d.IsError);
        using var probe = new HttpHealthProbe();
        var rollout = new SwarmRollout(engine, new SwarmGateRunner(engine, probe, TimeProvider.System), IApplyObserver.None, IFaultPoints.None, TimeProvider.System);
        foreach (var create in plan.Creates)
        {
            await rollout.CreateSecretAsync(desired, (CreateSwarmSecret)create.Operation, CancellationToken.None);
        }

        var failure = await rollout.UpdateWaveAsync(desired, plan.Updates, CancellationToken.None);
        if (failure is not null)
        {
            var back = new Change(ChangeAction.Update, Addresses.SwarmService(spec.Name), stamp.Value, null, "rollback", new RollbackSwarmService(spec.Name, spec.Swarm.Service, stamp.Value, 0));
            Assert.Null(await rollout.RollbackAsync(spec, back, CancellationToken.None));
        }

        return failure;
    }

    private string SecretOfRunningTask(string service)
    {
        var tasks = SwarmPair.Must(pair.ManagerHost, "service", "ps", service, "--filter", "desired-state=running", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var task = Assert.Single(tasks);
        return SwarmPair.Must(pair.ManagerHost, "inspect", task.Trim(), "--format", "{{range .Spec.ContainerSpec.Secrets}}{{.SecretName}}{{end}}").Trim();
    }

    private static ServiceSpec Spec(string swarmService) => new(
        "api", ContainerSelector.Compose("unused", "api"), "/run/secrets/horadus", TimeSpan.FromSeconds(1), [],
        new HealthGates(null, true, TimeSpan.FromSeconds(1), [], TimeSpan.FromSeconds(20)), null)
    {
        Swarm = new SwarmTarget(swarmService, SwarmUpdateSettings.Default with { Monitor = TimeSpan.FromSeconds(2) }),
    };
}
