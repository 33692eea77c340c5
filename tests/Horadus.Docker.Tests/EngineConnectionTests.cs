using DotNet.Testcontainers.Configurations;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

public sealed class EngineConnectionTests(DockerRequirement docker)
{
    [Fact]
    public async Task Connect_NegotiatesTheLowerOfTheDaemonsAndTheClientsApiVersion()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);

        var info = await engine.ConnectAsync(TestContext.Current.CancellationToken);

        var daemonApi = Version.Parse(await DockerCli.DockerOkAsync("version", "--format", "{{.Server.APIVersion}}"));
        var expected = daemonApi < new Version(1, 54) ? daemonApi : new Version(1, 54);
        Assert.Equal(expected.ToString(2), info.ApiVersion);
        Assert.Equal(await DockerCli.DockerOkAsync("version", "--format", "{{.Server.Version}}"), info.ServerVersion);
        Assert.Equal(docker.Endpoint, info.Endpoint);
    }

    [Fact]
    public async Task Testcontainers_TalksTheDaemonsVersionBelowItsDefault_AndItsDefaultOtherwise()
    {
        docker.Require();
        var daemonApi = Version.Parse(await DockerCli.DockerOkAsync("version", "--format", "{{.Server.APIVersion}}"));

        var used = TestcontainersSettings.OS.DockerEndpointAuthConfig.Version;

        Assert.Equal(DockerRequirement.TestcontainersApiVersion(daemonApi) ?? new Version(1, 44), used);
    }

    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.43", "1.43")]
    [InlineData("1.44", null)]
    [InlineData("1.52", null)]
    public void TestcontainersApiVersion_IsPinnedOnlyForADaemonOlderThanTestcontainersDefault(string daemon, string? pinned)
    {
        Assert.Equal(pinned is null ? null : Version.Parse(pinned), DockerRequirement.TestcontainersApiVersion(Version.Parse(daemon)));
    }

    [Fact]
    public async Task Connect_WhenTheSocketDoesNotExist_SaysWhereItLookedAndWhatToCheck()
    {
        using var engine = new DockerContainerEngine("unix:///nonexistent.sock");

        var error = await Assert.ThrowsAsync<ContainerEngineException>(() => engine.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Contains("unix:///nonexistent.sock", error.Message, StringComparison.Ordinal);
        Assert.Contains("no socket at /nonexistent.sock", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that dockerd is running", error.Message, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_WhenTheEngineIsUnreachable_ThrowsTheSameReadableError()
    {
        using var engine = new DockerContainerEngine("unix:///nonexistent.sock");

        var error = await Assert.ThrowsAsync<ContainerEngineException>(
            () => engine.FindAsync(ContainerSelector.Compose("p", "api"), [], TestContext.Current.CancellationToken));

        Assert.Contains("Cannot reach the Docker engine at unix:///nonexistent.sock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WhenNothingListensOnTheTcpPort_NamesTheEndpoint()
    {
        var port = FreePort.Next();
        using var engine = new DockerContainerEngine($"tcp://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<ContainerEngineException>(() => engine.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"tcp://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenDockerHostHasAnUnknownScheme_RefusesWithTheExpectedForms()
    {
        var error = Assert.Throws<ContainerEngineException>(() => new DockerContainerEngine("ssh://somewhere"));

        Assert.Contains("unix:///", error.Message, StringComparison.Ordinal);
        Assert.Contains("tcp://", error.Message, StringComparison.Ordinal);
    }
}
