using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Tests.Lifecycle;

namespace Horadus.Core.Tests.Execution;

/// <summary>The status use case: the host, the journal's verdicts and the containers, read-only; an engine away is said, not fatal.</summary>
public sealed class StatusQueryTests
{
    [Fact]
    public async Task Read_GivesTheLiveRelease_ItsVerdict_AndTheServicesContainers()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();
        var services = new[] { LifecycleWorld.Service("api"), LifecycleWorld.Service("worker", "api") };

        var status = await new StatusQuery(world.Host, world.Journal, () => world.Engine).ReadAsync(services, ["API_KEY_FILE"], CancellationToken.None);

        Assert.Equal(world.Desired, status.Observed.Current?.Release);
        Assert.True(status.Ledger.IsGood(world.Desired));
        Assert.Equal(["api", "worker"], status.Services.Select(s => s.Name));
        Assert.All(status.Services, s => Assert.Single(s.Own));
        Assert.Empty(status.Leftovers);
        Assert.Null(status.EngineError);
    }

    [Fact]
    public async Task Read_WithTheEngineAway_StillGivesTheHost_AndSaysWhy()
    {
        var world = new LifecycleWorld();
        await world.StartAsync();

        var status = await new StatusQuery(world.Host, world.Journal, () => throw new ContainerEngineException("the engine at unix:///nowhere does not answer"))
            .ReadAsync([LifecycleWorld.Service("api")], ["API_KEY_FILE"], CancellationToken.None);

        Assert.Equal(world.Desired, status.Observed.Current?.Release);
        Assert.Empty(status.Services);
        Assert.Contains("does not answer", status.EngineError, StringComparison.Ordinal);
    }
}
