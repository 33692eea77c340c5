using Docker.DotNet;
using DotNet.Testcontainers.Configurations;
using Horadus.Docker.Tests.Support;

[assembly: AssemblyFixture(typeof(DockerRequirement))]

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// Once per test run: is a Docker engine reachable, and which API version does it speak? Tests that need the engine call
/// <see cref="Require"/>: they are skipped with the reason when it is not reachable, or fail when HORADUS_REQUIRE_DOCKER=1
/// (CI), so a missing engine can never pass for a green run. Also configures Testcontainers for the engine (API version,
/// no reaper), builds the stand-in service images, and removes this run's own tags when the run ends.
/// </summary>
public sealed class DockerRequirement : IAsyncLifetime
{
    public const string RequireDockerVariable = "HORADUS_REQUIRE_DOCKER";

    /// <summary>What Testcontainers 4.x asks for without DOCKER_API_VERSION (DockerEndpointAuthenticationConfiguration).</summary>
    private static readonly Version TestcontainersDefaultApi = new(1, 44);

    private string? _unreachable;
    private string? _imageFailure;

    public string Endpoint { get; } = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        ? "unix:///var/run/docker.sock"
        : Environment.GetEnvironmentVariable("DOCKER_HOST")!;

    /// <summary>The daemon's own maximum API version (what it reports on an unversioned <c>GET /version</c>).</summary>
    public string DaemonApiVersion { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Version daemon;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var probe = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();
            var version = await probe.System.GetVersionAsync(timeout.Token);
            DaemonApiVersion = version.APIVersion;
            daemon = Version.Parse(version.APIVersion);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any failure here means "no usable engine" (transports wrap socket errors differently): record why.
            var socket = new Uri(Endpoint);
            _unreachable = socket.Scheme == "unix" && !File.Exists(socket.AbsolutePath) ? $"no socket at {socket.AbsolutePath}" : ex.GetBaseException().Message;
            return;
        }

        // Before anything touches Testcontainers: it reads DOCKER_API_VERSION once, into a static, and asks for 1.44 without
        // it, which an older daemon (20.10 speaks 1.41) refuses; a daemon of 29.x refuses anything below 1.44, so the version
        // is pinned only for a daemon older than that default, and one the user set is kept.
        if (TestcontainersApiVersion(daemon) is { } pinned && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", pinned.ToString(2));
        }

        // The reaper image cannot be pulled here: every container a test starts is removed by its label instead (TestContainers).
        TestcontainersSettings.ResourceReaperEnabled = false;

        try
        {
            await StandInImage.BuildAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DockerApiException or HttpRequestException)
        {
            _imageFailure = ex.Message;
        }
    }

    /// <summary>The API version Testcontainers must be told: the daemon's own when it is older than Testcontainers' default, else none.</summary>
    public static Version? TestcontainersApiVersion(Version daemon) => daemon < TestcontainersDefaultApi ? daemon : null;

    public async ValueTask DisposeAsync()
    {
        if (_unreachable is null)
        {
            await StandInImage.RemoveRunImagesAsync();
        }
    }

    /// <summary>Call first in every test that needs the engine.</summary>
    public void Require()
    {
        if (_unreachable is not null)
        {
            var reason = $"Docker engine not reachable at {Endpoint}: {_unreachable}";
            if (Environment.GetEnvironmentVariable(RequireDockerVariable) == "1")
            {
                Assert.Fail($"{reason} ({RequireDockerVariable}=1; run .ci/start-docker.sh)");
            }

            Assert.Skip(reason);
        }

        if (_imageFailure is not null)
        {
            Assert.Fail($"The stand-in image {StandInImage.Tag} could not be built: {_imageFailure}");
        }
    }
}
