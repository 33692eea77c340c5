using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

/// <summary>A bind mount of the <c>current</c> symlink is resolved when the container starts (Moby #13382): moving the link later is drift.</summary>
public sealed class ResolvedSourceTests(DockerRequirement docker)
{
    [Fact]
    public async Task ResolvedSource_AfterCurrentMoves_StillShowsTheReleaseTheContainerStartedWith()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var oldId = await scope.StartStandInAsync("worker");

        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release2);
        var newId = await scope.StartStandInAsync("worker-started-later");

        // Independent evidence of what each container really sees.
        Assert.Equal("postgres://one", await DockerCli.DockerOkAsync("exec", oldId, "cat", $"{SecretsRoot.MountPath}/database_url"));
        Assert.Equal("postgres://two", await DockerCli.DockerOkAsync("exec", newId, "cat", $"{SecretsRoot.MountPath}/database_url"));
        var old = await scope.Engine.InspectAsync(oldId, [], TestContext.Current.CancellationToken);
        var fresh = await scope.Engine.InspectAsync(newId, [], TestContext.Current.CancellationToken);
        Assert.Equal(scope.Secrets.Current, Assert.Single(old.Mounts).Source);
        Assert.Equal(scope.Secrets.ReleaseDirectory(DockerTestScope.Release1), Assert.Single(old.Mounts).ResolvedSource);
        Assert.Equal(scope.Secrets.ReleaseDirectory(DockerTestScope.Release2), Assert.Single(fresh.Mounts).ResolvedSource);
    }
}
