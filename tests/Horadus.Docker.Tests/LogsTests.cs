using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

public sealed class LogsTests(DockerRequirement docker)
{
    [Fact]
    public async Task Logs_ReturnsTheLastLinesOfStdoutAndStderrInTheirOrder()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var id = await scope.StartStandInAsync("chatty", command:
        [
            "sh", "-c", "for i in 1 2 3 4 5 6; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done; echo done; sleep 60",
        ]);
        await Eventually.UntilAsync(async () => (await DockerCli.DockerAsync("logs", id)).Stdout, s => s.Contains("done", StringComparison.Ordinal), "the last line");

        var tail = await scope.Engine.LogsAsync(id, since: null, tail: 4, TestContext.Current.CancellationToken);

        Assert.Equal(["err5", "out6", "err6", "done"], tail);
    }

    [Fact]
    public async Task Logs_SinceLaterThanTheLastLine_ReturnsNothing()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var id = await scope.StartStandInAsync("quiet", command: ["sh", "-c", "echo early; sleep 60"]);
        await Eventually.UntilAsync(async () => (await DockerCli.DockerAsync("logs", id)).Stdout, s => s.Contains("early", StringComparison.Ordinal), "the first line");

        var all = await scope.Engine.LogsAsync(id, since: DateTimeOffset.UtcNow.AddMinutes(-5), tail: 100, TestContext.Current.CancellationToken);
        var none = await scope.Engine.LogsAsync(id, since: DateTimeOffset.UtcNow.AddMinutes(5), tail: 100, TestContext.Current.CancellationToken);

        Assert.Equal(["early"], all);
        Assert.Empty(none);
    }
}
