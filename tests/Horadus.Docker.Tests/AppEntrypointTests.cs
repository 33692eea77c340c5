using System.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

/// <summary>
/// An image whose ENTRYPOINT starts the app (<see cref="StandInImage.AppEntrypointTag"/>: it ignores its arguments and runs
/// until stopped). The owner lookup must never go through it; a one-off goes through it unless its entrypoint is overridden.
/// </summary>
public sealed class AppEntrypointTests(DockerRequirement docker)
{
    /// <summary>Far below the lookup's own 60 s timeout, far above what one `id` takes even on a busy engine.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ResolveImageUser_OfAnImageWhoseEntrypointStartsTheApp_AnswersUidAndGidAtOnceWithoutStartingIt()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);
        var clock = Stopwatch.StartNew();

        var (uid, gid) = await engine.ResolveImageUserAsync(StandInImage.AppEntrypointTag, "app", TestContext.Current.CancellationToken);

        // Through the entrypoint, the lookup would hang on the app until its 60 s timeout.
        Assert.Equal((10001, 10001), (uid, gid));
        Assert.True(clock.Elapsed < Quick, $"took {clock.Elapsed}");
        Assert.Equal(string.Empty, await DockerCli.DockerOkAsync("ps", "-aq", "--filter", $"ancestor={StandInImage.AppEntrypointTag}", "--filter", "label=horadus.oneoff=true"));
    }

    [Fact]
    public async Task ResolveImageUser_UnknownUser_NamesTheCommandThatRanWithItsEntrypointOverride()
    {
        docker.Require();
        using var engine = new DockerContainerEngine(docker.Endpoint);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ContainerEngineException>(
            () => engine.ResolveImageUserAsync(StandInImage.AppEntrypointTag, "nosuchuser", TestContext.Current.CancellationToken));

        Assert.Contains($"`docker run --rm --entrypoint id {StandInImage.AppEntrypointTag} nosuchuser` exited 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown user", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("id -u", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Quick, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunOneOff_LikeAServiceContainer_WithAnEntrypointOverride_RunsTheCommandAndNotTheImagesEntrypoint()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var service = await scope.StartStandInAsync("api", image: StandInImage.AppEntrypointTag);
        var spec = new OneOffSpec(
            StandInImage.AppEntrypointTag,
            ["-c", "echo \"pre-flight as $(id -u) in $(pwd) with $SCOPE\"; exit 3"],
            null,
            [],
            new Dictionary<string, string> { ["SCOPE"] = scope.Id },
            TimeSpan.FromSeconds(20),
            LikeContainerId: service,
            Entrypoint: ["/bin/sh"]);

        var result = await scope.Engine.RunOneOffAsync(spec, TestContext.Current.CancellationToken);

        Assert.False(result.TimedOut);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"pre-flight as {StandInImage.AppUid} in /home/app with {scope.Id}", result.Output);
        Assert.DoesNotContain(StandInImage.AppEntrypointStarted, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOneOff_WithAnEmptyEntrypoint_RunsTheCommandOnItsOwn()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var spec = new OneOffSpec(StandInImage.AppEntrypointTag, ["echo", "alone"], null, [],
            new Dictionary<string, string> { ["SCOPE"] = scope.Id }, TimeSpan.FromSeconds(20), Entrypoint: []);

        var result = await scope.Engine.RunOneOffAsync(spec, TestContext.Current.CancellationToken);

        Assert.Equal((0L, "alone", false), (result.ExitCode, result.Output, result.TimedOut));
    }

    [Fact]
    public async Task RunOneOff_LikeAServiceContainer_WithoutAnOverride_GoesThroughTheImagesEntrypoint_AsComposeRunDoes()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var service = await scope.StartStandInAsync("api", image: StandInImage.AppEntrypointTag);
        var spec = new OneOffSpec(StandInImage.AppEntrypointTag, ["/bin/sh", "/usr/local/bin/check-secrets"], null, [],
            new Dictionary<string, string> { ["SCOPE"] = scope.Id }, TimeSpan.FromSeconds(2), LikeContainerId: service);

        var result = await scope.Engine.RunOneOffAsync(spec, TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.StartsWith($"{StandInImage.AppEntrypointStarted} (arguments ignored: /bin/sh /usr/local/bin/check-secrets)", result.Output, StringComparison.Ordinal);
    }
}
