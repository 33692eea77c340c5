using Docker.DotNet.Models;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>Regressions found while driving whole rotations, pinned at the adapter where they live.</summary>
public sealed class RestoreRegressionTests(DockerRequirement docker)
{
    [Fact]
    public async Task Restore_WhenTheReplacementIsAlreadyGone_GivesTheOldContainerItsAlwaysRestartPolicyBack()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var oldId = await scope.StartStandInAsync("worker", customize: b => b.WithCreateParameterModifier(TestContainers.Restart(RestartPolicyKind.Always)));
        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release2);
        var replaced = await scope.Engine.ReplaceAsync(
            oldId,
            new ReplacementSpec(DockerTestScope.Release2, scope.Secrets.Current, SecretsRoot.MountPath, DockerTestScope.FileVariables, TimeSpan.FromSeconds(2)),
            TestContext.Current.CancellationToken);
        Assert.Equal("no", await DockerCli.DockerOkAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", oldId));

        // Someone (or a crash of the engine's cleanup) removed the replacement: its copy of the policy is gone with it.
        await DockerCli.DockerOkAsync("rm", "-f", replaced.NewId);
        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release1);
        await scope.Engine.RestoreAsync(replaced, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var name = scope.NameOf("worker");
        Assert.Equal($"{oldId} running always", await DockerCli.DockerOkAsync("inspect", "-f", "{{.Id}} {{.State.Status}} {{.HostConfig.RestartPolicy.Name}}", name));
    }
}
