using System.Globalization;
using System.Text.Json;
using Horadus.Docker.Tests.EndToEnd.Support;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

/// <summary>The stand-in must fail the way a real service would, or the reconciler's gates could not be tested with it.</summary>
public sealed class StandInImageTests(DockerRequirement docker)
{
    private const string BadRelease = "20260301T000000Z";

    [Fact]
    public async Task Api_AnswersOkWhenEverySecretIsGood_And500NamingTheBadFileWithoutItsValue()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var goodPort = FreePort.Next();
        await scope.StartStandInAsync("api", role: "api", environment: Port(goodPort));
        await Eventually.UntilAsync(() => Eventually.GetLoopbackAsync(goodPort, "/cgi-bin/health"), r => r.Status != 0, "the api to listen");
        scope.Secrets.AddRelease(BadRelease, new Dictionary<string, string> { ["database_url"] = "postgres://three", ["api_keys"] = "bad-key-value" });
        await scope.Secrets.PointCurrentAtAsync(BadRelease);
        var badPort = FreePort.Next();
        await scope.StartStandInAsync("api-bad", role: "api", environment: Port(badPort));

        var good = await Eventually.GetLoopbackAsync(goodPort, "/cgi-bin/health");
        var bad = await Eventually.UntilAsync(() => Eventually.GetLoopbackAsync(badPort, "/cgi-bin/health"), r => r.Status != 0, "the second api to listen");

        Assert.Equal((200, "ok\n"), good);
        Assert.Equal(500, bad.Status);
        Assert.Contains("API_KEYS_FILE", bad.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-key-value", bad.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_LogsInvalidApiKeyErrorsWhileASecretIsBad()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        scope.Secrets.AddRelease(BadRelease, new Dictionary<string, string> { ["database_url"] = "postgres://three", ["api_keys"] = "bad" });
        var goodId = await scope.StartStandInAsync("worker");
        await scope.Secrets.PointCurrentAtAsync(BadRelease);
        var badId = await scope.StartStandInAsync("worker-bad", role: "beat");

        var good = await Eventually.UntilAsync(() => DockerCli.DockerAsync("logs", goodId), r => r.Stdout.Contains("ready", StringComparison.Ordinal), "ready");
        var bad = await Eventually.UntilAsync(() => DockerCli.DockerAsync("logs", badId), r => r.Stderr.Contains("ERROR 401 invalid_api_key", StringComparison.Ordinal), "the 401 error");

        Assert.DoesNotContain("ERROR", good.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", bad.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_IsQuickBecausePid1TrapsSigterm()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var id = await scope.StartStandInAsync("worker");
        await Eventually.UntilAsync(() => DockerCli.DockerAsync("logs", id), r => r.Stdout.Contains("ready", StringComparison.Ordinal), "ready");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await DockerCli.DockerOkAsync("stop", "--time", "20", id);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        Assert.Equal("0", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.ExitCode}}", id));
    }

    [Fact]
    public async Task ServiceContainer_MadeThroughTestcontainers_HasTheShapeOfItsDockerRunTwin()
    {
        await using var host = RotationHost.Start(docker);
        var made = await host.StartServiceAsync("beat");
        var env = RotationHost.FileVariables();
        env["ROLE"] = "worker";
        env["INTERVAL"] = "0.3";
        // What compose (and these tests, before Testcontainers) send for the same service.
        var twin = await DockerCli.DockerOkAsync([
            "create", "--name", host.ContainerName("beat") + "-twin", "--network", "host", "--restart", "unless-stopped",
            "--label", $"{DockerTestScope.TestLabel}={host.Id}",
            "--label", $"com.docker.compose.project={host.Project}",
            "--label", "com.docker.compose.service=beat",
            "--label", "com.docker.compose.container-number=1",
            "-v", $"{host.Current}:{RotationHost.MountPath}:ro",
            .. env.SelectMany(e => new[] { "-e", $"{e.Key}={e.Value}" }),
            "--health-cmd", "/usr/local/bin/healthcheck", "--health-interval", "500ms", "--health-retries", "2",
            StandInImage.Tag,
        ]);

        var madeShape = Shape((await RotationHost.InspectAsync(made))!.Value);
        var twinShape = Shape((await RotationHost.InspectAsync(twin))!.Value);

        Assert.Equal(twinShape, madeShape);
        Assert.Equal($"/{host.ContainerName("beat")}", (await RotationHost.InspectAsync(made))!.Value.GetProperty("Name").GetString());
    }

    /// <summary>What the product reads of a container and copies into its replacement, minus the name and Testcontainers' labels.</summary>
    private static string Shape(JsonElement inspect)
    {
        var config = inspect.GetProperty("Config");
        var labels = config.GetProperty("Labels").EnumerateObject()
            .Where(l => !l.Name.StartsWith("org.testcontainers", StringComparison.Ordinal))
            .Select(l => $"{l.Name}={l.Value}").Order(StringComparer.Ordinal);
        var env = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal);
        string[] configKeys = ["Image", "Cmd", "Entrypoint", "User", "WorkingDir", "Healthcheck", "StopSignal", "StopTimeout", "Tty", "OpenStdin"];
        string[] hostKeys = ["Binds", "Mounts", "NetworkMode", "RestartPolicy", "Memory", "AutoRemove", "Privileged", "PortBindings", "ExtraHosts"];
        return string.Join('\n', [
            .. configKeys.Select(k => $"{k}: {(config.TryGetProperty(k, out var v) ? v.GetRawText() : "-")}"),
            .. hostKeys.Select(k => $"HostConfig.{k}: {(inspect.GetProperty("HostConfig").TryGetProperty(k, out var v) ? v.GetRawText() : "-")}"),
            $"Networks: {string.Join(',', inspect.GetProperty("NetworkSettings").GetProperty("Networks").EnumerateObject().Select(n => n.Name))}",
            $"Labels: {string.Join(',', labels)}",
            $"Env: {string.Join(',', env)}",
        ]);
    }

    private static Dictionary<string, string> Port(int port) => new() { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) };
}
