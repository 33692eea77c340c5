using System.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

public sealed class OneOffTests(DockerRequirement docker)
{
    [Fact]
    public async Task RunOneOff_ReturnsExitCodeAndOutput_MountsReadOnly_AndRemovesTheContainer()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var release = scope.Secrets.ReleaseDirectory(DockerTestScope.Release2);
        var spec = new OneOffSpec(
            StandInImage.Tag,
            ["sh", "-c", "cat /run/secrets/horadus/database_url; echo; id -u; echo \"scope=$SCOPE\" >&2; touch /run/secrets/horadus/x 2>/dev/null && echo writable || echo read-only; exit 3"],
            "app",
            [new ContainerMount(release, SecretsRoot.MountPath, true, null)],
            new Dictionary<string, string> { ["SCOPE"] = scope.Id },
            TimeSpan.FromSeconds(30));

        var result = await scope.Engine.RunOneOffAsync(spec, TestContext.Current.CancellationToken);

        Assert.False(result.TimedOut);
        Assert.Equal(3, result.ExitCode);
        // stdout and stderr are logged by separate copiers: their relative order is not guaranteed, each stream's is.
        var lines = result.Output.Split('\n');
        Assert.Equal(["postgres://two", StandInImage.AppUid, "read-only"], lines.Where(l => !l.StartsWith("scope=", StringComparison.Ordinal)));
        Assert.Contains($"scope={scope.Id}", lines);
        await AssertNoOneOffLeftAsync(scope.Id);
    }

    [Fact]
    public async Task RunOneOff_PastItsTimeout_IsKilledReportedAndRemoved()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var spec = new OneOffSpec(StandInImage.Tag, ["sh", "-c", "echo started; sleep 60"], null, [],
            new Dictionary<string, string> { ["SCOPE"] = scope.Id }, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var result = await scope.Engine.RunOneOffAsync(spec, TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("started", result.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        await AssertNoOneOffLeftAsync(scope.Id);
    }

    [Fact]
    public async Task ResolveImageUser_App_GivesTheImagesUidAndGid()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);

        var (uid, gid) = await engine.ResolveImageUserAsync(StandInImage.Tag, "app", TestContext.Current.CancellationToken);

        Assert.Equal((10001, 10001), (uid, gid));
    }

    [Fact]
    public async Task ResolveImageUser_UnknownUser_SaysWhichUserAndImage()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);

        var error = await Assert.ThrowsAsync<ContainerEngineException>(
            () => engine.ResolveImageUserAsync(StandInImage.Tag, "nosuchuser", TestContext.Current.CancellationToken));

        Assert.Contains("'nosuchuser'", error.Message, StringComparison.Ordinal);
        Assert.Contains(StandInImage.Tag, error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown user", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Check that user 'nosuchuser' exists in image {StandInImage.Tag}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveImageUser_ImageNotPresent_SaysTheEngineHasNoSuchImage()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);

        var error = await Assert.ThrowsAsync<ContainerEngineException>(
            () => engine.ResolveImageUserAsync("horadus-no-such-image:never", "app", TestContext.Current.CancellationToken));

        Assert.Contains("horadus-no-such-image:never", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One-offs carry no test label: find ours by the SCOPE variable we gave them.</summary>
    private static async Task AssertNoOneOffLeftAsync(string scopeId)
    {
        var ids = (await DockerCli.DockerOkAsync("ps", "-aq", "--filter", "label=horadus.oneoff=true")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var id in ids)
        {
            var env = await DockerCli.DockerAsync("inspect", "-f", "{{json .Config.Env}}", id);
            Assert.DoesNotContain($"SCOPE={scopeId}", env.Stdout, StringComparison.Ordinal);
        }
    }
}
