using System.Text.Json;
using Docker.DotNet.Models;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

public sealed class ReplaceTests(DockerRequirement docker)
{
    [Fact]
    public async Task Replace_RecreatesTheContainerWithItsConfigurationAndTheNewRelease_AndCommitRemovesTheOneSetAside()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var project = $"hrd{scope.Id}";
        var port = FreePort.Next();
        var oldId = await scope.StartStandInAsync(
            "api",
            role: "api",
            labels: FindTests.ComposeLabels(project, "api"),
            environment: new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            customize: b => b
                .WithWorkingDirectory("/tmp")
                .WithCreateParameterModifier(TestContainers.Restart(RestartPolicyKind.OnFailure, maximumRetries: 3))
                .WithCreateParameterModifier(TestContainers.Healthcheck(TimeSpan.FromSeconds(1)))
                .WithCreateParameterModifier(p =>
                {
                    p.User = "10001:10001";
                    p.StopSignal = "SIGINT";
                    p.StopTimeout = TimeSpan.FromSeconds(7);
                }));
        var before = await InspectAsync(oldId);
        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release2);

        var replaced = await scope.Engine.ReplaceAsync(oldId, Spec(scope), TestContext.Current.CancellationToken);

        var name = scope.NameOf("api");
        var after = await InspectAsync(name);
        Assert.Equal(replaced.NewId, after.GetProperty("Id").GetString());
        Assert.NotEqual(oldId, replaced.NewId);
        Assert.Equal(name, replaced.OriginalName);
        foreach (var kept in new[] { "Image", "Env", "Cmd", "Entrypoint", "User", "WorkingDir", "Healthcheck", "StopSignal", "StopTimeout" })
        {
            Assert.Equal(Config(before, kept), Config(after, kept));
        }

        Assert.Equal(before.GetProperty("Image").GetString(), after.GetProperty("Image").GetString());
        Assert.Equal("host", after.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
        Assert.Equal(HostConfig(before, "RestartPolicy"), HostConfig(after, "RestartPolicy"));
        var labels = after.GetProperty("Config").GetProperty("Labels").Deserialize<Dictionary<string, string>>()!;
        foreach (var (key, value) in before.GetProperty("Config").GetProperty("Labels").Deserialize<Dictionary<string, string>>()!)
        {
            Assert.Equal(value, labels[key]);
        }

        Assert.Equal(DockerTestScope.Release2, labels[ObservedContainer.ReleaseLabel]);
        Assert.Equal("true", labels[ObservedContainer.ManagedLabel]);
        Assert.Contains($"{scope.Secrets.Current}:{SecretsRoot.MountPath}:ro", HostConfig(after, "Binds"), StringComparison.Ordinal);
        Assert.Equal("postgres://two", await DockerCli.DockerOkAsync("exec", name, "cat", $"{SecretsRoot.MountPath}/database_url"));
        await Eventually.UntilAsync(() => Eventually.GetLoopbackAsync(port, "/cgi-bin/health"), r => r.Status == 200, "the replacement's health endpoint");

        // Set aside: stopped, renamed, and flagged by Find (after the service's own container), with the name it had.
        var aside = await InspectAsync(oldId);
        Assert.Equal($"/{name}-horadus-aside-{oldId[..12]}", aside.GetProperty("Name").GetString());
        Assert.Equal(replaced.AsideName, aside.GetProperty("Name").GetString()![1..]);
        Assert.False(aside.GetProperty("State").GetProperty("Running").GetBoolean());
        var found = await scope.Engine.FindAsync(ContainerSelector.Compose(project, "api"), [], TestContext.Current.CancellationToken);
        Assert.Equal([replaced.NewId, oldId], found.Select(c => c.Id));
        Assert.Equal([false, true], found.Select(c => c.SetAside));
        Assert.Equal(name, found[1].OriginalName);
        Assert.Equal(scope.Secrets.ReleaseDirectory(DockerTestScope.Release2), Assert.Single(found[0].Mounts).ResolvedSource);

        await scope.Engine.CommitAsync(replaced, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, (await DockerCli.DockerAsync("inspect", oldId)).ExitCode);
        Assert.Equal("running", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", name));
    }

    [Fact]
    public async Task Restore_RemovesTheReplacementAndBringsBackTheOldContainerUnderItsName()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        var oldId = await scope.StartStandInAsync("worker", customize: b => b
            .WithCreateParameterModifier(TestContainers.Restart(RestartPolicyKind.Always))
            .WithCreateParameterModifier(p => p.HostConfig!.Memory = 64 * 1024 * 1024));
        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release2);
        var replaced = await scope.Engine.ReplaceAsync(oldId, Spec(scope), TestContext.Current.CancellationToken);

        // While set aside, "always" would revive it on a daemon restart: it is parked at "no", nothing else changes.
        Assert.Equal("no 67108864", await DockerCli.DockerOkAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}", oldId));
        Assert.Equal("always 67108864", await DockerCli.DockerOkAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}", replaced.NewId));

        // A rollback swings current back first, then restores the services.
        await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release1);
        await scope.Engine.RestoreAsync(replaced, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var name = scope.NameOf("worker");
        Assert.Equal(oldId, await DockerCli.DockerOkAsync("inspect", "-f", "{{.Id}}", name));
        Assert.Equal("running", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", name));
        Assert.Equal("always 67108864", await DockerCli.DockerOkAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}", name));
        Assert.NotEqual(0, (await DockerCli.DockerAsync("inspect", replaced.NewId)).ExitCode);
        Assert.Equal("postgres://one", await DockerCli.DockerOkAsync("exec", name, "cat", $"{SecretsRoot.MountPath}/database_url"));
        var found = await scope.Engine.FindAsync(new ContainerSelector(new Dictionary<string, string> { [DockerTestScope.TestLabel] = scope.Id }), [], TestContext.Current.CancellationToken);
        Assert.Equal([oldId], found.Select(c => c.Id));
    }

    [Fact]
    public async Task Replace_WhenTheEngineRefusesTheNewContainer_PutsTheOldOneBackAndKeepsSecretsOutOfTheError()
    {
        await using var scope = await DockerTestScope.StartAsync(docker);
        const string Canary = "raw-secret-canary-9a7c";
        var oldId = await scope.StartStandInAsync("worker", environment: new Dictionary<string, string> { ["SECRET_KEY"] = Canary });
        var refused = Spec(scope) with { MountPath = "relative/not/allowed" };

        var error = await Assert.ThrowsAsync<ContainerEngineException>(() => scope.Engine.ReplaceAsync(oldId, refused, TestContext.Current.CancellationToken));

        Assert.Contains("put back", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        var name = scope.NameOf("worker");
        Assert.Equal(oldId, await DockerCli.DockerOkAsync("inspect", "-f", "{{.Id}}", name));
        Assert.Equal("running", await DockerCli.DockerOkAsync("inspect", "-f", "{{.State.Status}}", name));
        Assert.Equal(oldId, await DockerCli.DockerOkAsync("ps", "-aq", "--no-trunc", "--filter", scope.LabelFilter));
    }

    private static ReplacementSpec Spec(DockerTestScope scope) =>
        new(DockerTestScope.Release2, scope.Secrets.Current, SecretsRoot.MountPath, DockerTestScope.FileVariables, TimeSpan.FromSeconds(5));

    private static async Task<JsonElement> InspectAsync(string container)
    {
        using var json = JsonDocument.Parse(await DockerCli.DockerOkAsync("inspect", container));
        return json.RootElement[0].Clone();
    }

    private static string Config(JsonElement inspect, string property) =>
        inspect.GetProperty("Config").TryGetProperty(property, out var value) ? value.GetRawText() : "(absent)";

    private static string HostConfig(JsonElement inspect, string property) => inspect.GetProperty("HostConfig").GetProperty(property).GetRawText();
}
