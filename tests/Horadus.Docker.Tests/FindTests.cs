using System.Text.Json;
using DotNet.Testcontainers.Builders;
using Horadus.Core.Services;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

public sealed class FindTests(DockerRequirement docker)
{
    private static readonly string[] SecretVariables = ["DATABASE_URL", "OPENAI_API_KEY", "SECRET_KEY"];

    [Fact]
    public async Task Find_ByComposeLabels_ReturnsOnlyThatServicesContainerWithItsWiring()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var project = $"hrd{scope.Id}";
        var workerId = await scope.StartStandInAsync("worker", labels: ComposeLabels(project, "worker"));
        await scope.StartStandInAsync("beat", role: "beat", labels: ComposeLabels(project, "beat"));

        var found = await scope.Engine.FindAsync(ContainerSelector.Compose(project, "worker"), SecretVariables, TestContext.Current.CancellationToken);

        var worker = Assert.Single(found);
        Assert.Equal(workerId, worker.Id);
        Assert.Equal(scope.NameOf("worker"), worker.Name);
        Assert.Equal(StandInImage.Tag, worker.Image);
        Assert.Equal(ContainerState.Running, worker.State);
        Assert.Equal(ContainerHealth.None, worker.Health);
        Assert.Equal(0, worker.RestartCount);
        var startedAt = DateTimeOffset.Parse(await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.StartedAt}}", workerId), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(startedAt, worker.StartedAt);
        Assert.Equal(DockerTestScope.FileVariables, worker.FileVariables);
        Assert.Empty(worker.RawSecretVariables);
        Assert.Equal("worker", worker.Labels[ContainerSelector.ComposeServiceLabel]);
        var mount = Assert.Single(worker.Mounts);
        Assert.Equal(scope.Secrets.Current, mount.Source);
        Assert.Equal(SecretsRoot.MountPath, mount.Destination);
        Assert.True(mount.ReadOnly);
    }

    [Fact]
    public async Task Find_StoppedContainer_IsReportedExitedWithoutAResolvedSource()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var project = $"hrd{scope.Id}";
        var id = await scope.StartStandInAsync("beat", role: "beat", labels: ComposeLabels(project, "beat"), environment: new Dictionary<string, string> { ["EXIT_AT_ONCE"] = "1" });
        await Eventually.UntilAsync(() => DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", id), s => s == "exited", "the container to exit");

        var beat = Assert.Single(await scope.Engine.FindAsync(ContainerSelector.Compose(project, "beat"), SecretVariables, TestContext.Current.CancellationToken));

        Assert.Equal(ContainerState.Exited, beat.State);
        Assert.Null(Assert.Single(beat.Mounts).ResolvedSource);
    }

    [Fact]
    public async Task Find_ContainerWithARawSecretVariable_ListsItsNameButNeverItsValue()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        const string Canary = "postgres://leak-canary-4f1d@db/prod";
        var selector = new ContainerSelector(new Dictionary<string, string> { [DockerTestScope.TestLabel] = scope.Id });
        await scope.StartStandInAsync("api", environment: new Dictionary<string, string>
        {
            ["DATABASE_URL"] = Canary,
            ["OPENAI_API_KEY"] = string.Empty,
            ["UNRELATED_SETTING"] = "not-a-secret-but-not-kept-either",
        });

        var api = Assert.Single(await scope.Engine.FindAsync(selector, SecretVariables, TestContext.Current.CancellationToken));

        Assert.Equal(["DATABASE_URL"], api.RawSecretVariables);
        var everything = JsonSerializer.Serialize(api) + api;
        Assert.DoesNotContain("leak-canary", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret-but-not-kept-either", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_FlagsContainersLabelledAsSetAside_AndListsThemAfterTheOthers()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var selector = new ContainerSelector(new Dictionary<string, string> { [DockerTestScope.TestLabel] = scope.Id });
        var keptId = await scope.StartStandInAsync("worker");
        var asideId = await scope.StartStandInAsync("old-worker", labels: new Dictionary<string, string> { ["horadus.aside"] = "true" });

        var found = await scope.Engine.FindAsync(selector, [], TestContext.Current.CancellationToken);

        Assert.Equal([keptId, asideId], found.Select(c => c.Id));
        Assert.Equal([false, true], found.Select(c => c.SetAside));
        Assert.Null(found[1].OriginalName);
    }

    [Fact]
    public async Task Find_ContainerWithAHealthcheck_ReportsItsHealth()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        static ContainerBuilder healthcheck(ContainerBuilder b) => b.WithCreateParameterModifier(TestContainers.Healthcheck(TimeSpan.FromSeconds(1), retries: 1));
        var healthyId = await scope.StartStandInAsync("worker", customize: healthcheck);
        scope.Secrets.AddRelease("20260301T000000Z", new Dictionary<string, string> { ["database_url"] = "bad", ["api_keys"] = "k" });
        await scope.Secrets.PointCurrentAtAsync("20260301T000000Z");
        var sickId = await scope.StartStandInAsync("worker-sick", customize: healthcheck);

        var healthy = await Eventually.UntilAsync(() => scope.Engine.InspectAsync(healthyId, [], TestContext.Current.CancellationToken), c => c.Health != ContainerHealth.Starting, "a health verdict");
        var sick = await Eventually.UntilAsync(() => scope.Engine.InspectAsync(sickId, [], TestContext.Current.CancellationToken), c => c.Health != ContainerHealth.Starting, "a health verdict");

        Assert.Equal(ContainerHealth.Healthy, healthy.Health);
        Assert.Equal(ContainerHealth.Unhealthy, sick.Health);
    }

    public static Dictionary<string, string> ComposeLabels(string project, string service) => new()
    {
        [ContainerSelector.ComposeProjectLabel] = project,
        [ContainerSelector.ComposeServiceLabel] = service,
        ["com.docker.compose.oneoff"] = "False",
        ["com.docker.compose.container-number"] = "1",
        ["com.docker.compose.version"] = "1.29.2",
        ["com.docker.compose.config-hash"] = "0123456789abcdef",
    };
}
