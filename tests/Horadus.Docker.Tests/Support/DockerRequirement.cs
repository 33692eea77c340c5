using Docker.DotNet;
using Horadus.Docker.Tests.Support;

[assembly: AssemblyFixture(typeof(DockerRequirement))]

namespace Horadus.Docker.Tests.Support;

/// <summary>
/// Once per test run: is a Docker engine reachable, and which API version does it speak? Tests that need the engine call
/// <see cref="Require"/>: they are skipped with the reason when it is not reachable, or fail when HORADUS_REQUIRE_DOCKER=1
/// (CI), so a missing engine can never pass for a green run. Also builds the stand-in service images, and removes this
/// run's own variant when the run ends.
/// </summary>
public sealed class DockerRequirement : IAsyncLifetime
{
    public const string RequireDockerVariable = "HORADUS_REQUIRE_DOCKER";

    /// <summary>Docker.DotNet.Enhanced 4.3.3 speaks up to API 1.54.</summary>
    private static readonly Version ClientMaximum = new(1, 54);

    private string? _unreachable;
    private string? _imageFailure;

    public string Endpoint { get; } = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        ? "unix:///var/run/docker.sock"
        : Environment.GetEnvironmentVariable("DOCKER_HOST")!;

    /// <summary>The daemon's own maximum API version (what it reports on an unversioned <c>GET /version</c>).</summary>
    public string DaemonApiVersion { get; private set; } = string.Empty;

    /// <summary>The version the tests talk: min(daemon, client).</summary>
    public string NegotiatedApiVersion { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var probe = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();
            var version = await probe.System.GetVersionAsync(timeout.Token);
            DaemonApiVersion = version.APIVersion;
            var daemon = Version.Parse(version.APIVersion);
            NegotiatedApiVersion = (daemon < ClientMaximum ? daemon : ClientMaximum).ToString(2);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any failure here means "no usable engine" (transports wrap socket errors differently): record why.
            var socket = new Uri(Endpoint);
            _unreachable = socket.Scheme == "unix" && !File.Exists(socket.AbsolutePath) ? $"no socket at {socket.AbsolutePath}" : ex.GetBaseException().Message;
            return;
        }

        // Testcontainers (and the docker CLI we assert with) must not ask for more than the daemon speaks; no reaper image can be pulled.
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", NegotiatedApiVersion);
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");

        try
        {
            await StandInImage.BuildAsync(Endpoint, Version.Parse(NegotiatedApiVersion), CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DockerApiException or HttpRequestException)
        {
            _imageFailure = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_unreachable is null)
        {
            await StandInImage.RemoveRunImagesAsync(Endpoint, Version.Parse(NegotiatedApiVersion));
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
