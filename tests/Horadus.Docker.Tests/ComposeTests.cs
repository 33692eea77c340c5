using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests;

/// <summary>The runbook's tool must keep working on what Horadus recreated: docker-compose 1.29 finds containers by its labels.</summary>
public sealed class ComposeTests(DockerRequirement docker)
{
    [Fact]
    public async Task Replace_OfAComposeServiceContainer_IsStillListedByDockerComposePs()
    {
        if (!DockerCli.IsOnPath("docker-compose"))
        {
            Assert.Skip("docker-compose 1.29 is not installed (apt-get install -y docker-compose; .ci/start-docker.sh does it)");
        }

        await using var scope = await DockerTestScope.StartAsync(docker);
        var project = $"hrd{scope.Id}";
        var folder = Path.Combine(scope.Secrets.Path, "compose");
        Directory.CreateDirectory(folder);
        var composeFile = Path.Combine(folder, "docker-compose.yml");
        await File.WriteAllTextAsync(composeFile, $"""
            version: "3.7"
            services:
              worker:
                image: {StandInImage.Tag}
                network_mode: host
                restart: unless-stopped
                labels:
                  {DockerTestScope.TestLabel}: "{scope.Id}"
                volumes:
                  - {scope.Secrets.Current}:{SecretsRoot.MountPath}:ro
                environment:
                  ROLE: worker
                  INTERVAL: "0.3"
                  DATABASE_URL_FILE: {SecretsRoot.MountPath}/database_url
                  API_KEYS_FILE: {SecretsRoot.MountPath}/api_keys
            """, TestContext.Current.CancellationToken);
        string[] compose = ["-p", project, "-f", composeFile];
        try
        {
            await ComposeOkAsync([.. compose, "up", "-d"]);
            var worker = Assert.Single(await scope.Engine.FindAsync(ContainerSelector.Compose(project, "worker"), [], TestContext.Current.CancellationToken));
            await scope.Secrets.PointCurrentAtAsync(DockerTestScope.Release2);

            var replaced = await scope.Engine.ReplaceAsync(worker.Id, new ReplacementSpec(
                DockerTestScope.Release2, scope.Secrets.Current, SecretsRoot.MountPath, DockerTestScope.FileVariables, TimeSpan.FromSeconds(5)),
                TestContext.Current.CancellationToken);
            await scope.Engine.CommitAsync(replaced, TestContext.Current.CancellationToken);

            var ps = await ComposeOkAsync([.. compose, "ps"]);
            Assert.Contains(worker.Name, ps, StringComparison.Ordinal);
            Assert.Contains("Up", ps, StringComparison.Ordinal);
            Assert.Equal(replaced.NewId, (await ComposeOkAsync([.. compose, "ps", "-q", "worker"])).Trim());
            Assert.Equal("postgres://two", await DockerCli.DockerOkAsync("exec", worker.Name, "cat", $"{SecretsRoot.MountPath}/database_url"));
        }
        finally
        {
            await DockerCli.RunAsync("docker-compose", [.. compose, "down", "--timeout", "2"], folder);
        }
    }

    private static async Task<string> ComposeOkAsync(string[] args)
    {
        var result = await DockerCli.RunAsync("docker-compose", args, timeout: TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"docker-compose {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }
}
