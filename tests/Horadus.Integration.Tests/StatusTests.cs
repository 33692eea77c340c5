using System.Text.Json.Nodes;
using Horadus.Integration.Tests.Support;

namespace Horadus.Integration.Tests;

public sealed class StatusTests
{
    private const string ServicesExtra = "services:\n  api:\n    compose: { project: horadus }\n  worker:\n    compose: { project: horadus }\n";

    [Fact]
    public async Task Status_WhenTheEngineIsUnreachable_ShowsTheFiles_AndExitsOneSayingWhyOnce()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest();
        Assert.Equal(0, (await sandbox.RunAsync("apply", "--auto-approve")).ExitCode);
        sandbox.WriteManifest(extra: ServicesExtra);
        var socket = Path.Combine(sandbox.Directory, "no-such.sock");
        sandbox.Environment["DOCKER_HOST"] = "unix://" + socket;

        var status = await sandbox.RunAsync("status");

        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Contains("Live release: 20260215T090000Z", status.Output, StringComparison.Ordinal);
        Assert.Contains("20260215T090000Z (live) (desired)", status.Output, StringComparison.Ordinal);
        Assert.Contains("service/api: unknown (its containers could not be read; see the error)", status.Output, StringComparison.Ordinal);
        Assert.Contains("service/worker: unknown", status.Output, StringComparison.Ordinal);
        Assert.StartsWith($"error: the services could not be read: Cannot reach the Docker engine at unix://{socket} (no socket at {socket})", status.Error, StringComparison.Ordinal);
        Assert.Single(status.All.Split("Cannot reach", StringSplitOptions.None).Skip(1));
    }

    [Fact]
    public async Task StatusJson_WhenTheEngineIsUnreachable_IsStillTheDocument_WithTheErrorPerService_AndExitsOne()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteManifest(extra: ServicesExtra);
        sandbox.Environment["DOCKER_HOST"] = "unix://" + Path.Combine(sandbox.Directory, "no-such.sock");

        var status = await sandbox.RunAsync("status", "--json");

        Assert.True(status.ExitCode == 1, status.ToString());
        PublishedSchema.AssertValid("horadus.status.schema.json", status.Output);
        var services = JsonNode.Parse(status.Output)!["services"]!.AsArray();
        Assert.Equal(["api", "worker"], services.Select(s => (string?)s!["name"]));
        Assert.All(services, s => Assert.StartsWith("container engine: Cannot reach the Docker engine", (string?)s!["error"], StringComparison.Ordinal));
        Assert.StartsWith("error: the services could not be read: Cannot reach the Docker engine", status.Error, StringComparison.Ordinal);
    }
}
