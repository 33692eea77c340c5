using System.Globalization;
using Horadus.Core.Ports;

namespace Horadus.Docker;

/// <summary>
/// Picks the API version both sides speak. Debian's engine 20.10 stops at 1.41, Docker 29.x refuses anything below 1.44,
/// so a fixed version cannot serve both: ask the daemon (an unversioned <c>GET /version</c>) and take the lower maximum.
/// </summary>
internal static class ApiVersionNegotiation
{
    /// <summary>Docker.DotNet.Enhanced 4.3.3 is generated against Docker 29.4, API 1.54 (its DOCKER_API_VERSION_MATRIX.md).</summary>
    public static readonly Version LibraryMaximum = new(1, 54);

    public static Version Negotiate(string endpoint, string daemonMaximum, string? daemonMinimum)
    {
        var daemonMax = Parse(endpoint, daemonMaximum);
        if (!string.IsNullOrEmpty(daemonMinimum) && Parse(endpoint, daemonMinimum) > LibraryMaximum)
        {
            throw new ContainerEngineException(
                $"The Docker engine at {endpoint} requires API {daemonMinimum} or newer, but this build of Horadus speaks at most " +
                $"{LibraryMaximum.ToString(2)}: upgrade Horadus.");
        }

        return daemonMax < LibraryMaximum ? daemonMax : LibraryMaximum;
    }

    private static Version Parse(string endpoint, string text) =>
        Version.TryParse(text, out var version)
            ? new Version(version.Major, version.Minor)
            : throw new ContainerEngineException(
                string.Create(CultureInfo.InvariantCulture, $"The Docker engine at {endpoint} reported an unreadable API version '{text}'."));
}
