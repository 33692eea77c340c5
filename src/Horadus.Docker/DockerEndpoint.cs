using Horadus.Core.Ports;

namespace Horadus.Docker;

/// <summary>Where the engine listens: <c>DOCKER_HOST</c> when set (unix:// or tcp://), else the local socket.</summary>
internal static class DockerEndpoint
{
    public const string DefaultUnixSocket = "unix:///var/run/docker.sock";

    public static Uri Resolve(string? dockerHost)
    {
        var text = string.IsNullOrWhiteSpace(dockerHost) ? DefaultUnixSocket : dockerHost.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            throw new ContainerEngineException(
                $"DOCKER_HOST '{text}' is not a usable engine address: use unix:///path/to/docker.sock or tcp://host:port.");
        }

        return uri;
    }

    /// <summary>Only a local socket shares this host's /proc with the engine's containers.</summary>
    public static bool IsLocal(Uri endpoint) => endpoint.Scheme == "unix";
}
