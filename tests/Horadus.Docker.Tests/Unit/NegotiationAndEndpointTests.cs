using Horadus.Core.Ports;

namespace Horadus.Docker.Tests.Unit;

public sealed class NegotiationAndEndpointTests
{
    [Theory]
    [InlineData("1.41", "1.12", "1.41")]
    [InlineData("1.52", "1.44", "1.52")]
    [InlineData("1.60", "1.44", "1.54")]
    public void Negotiate_TakesTheLowerMaximum(string daemonMax, string daemonMin, string expected)
    {
        Assert.Equal(Version.Parse(expected), ApiVersionNegotiation.Negotiate("unix:///x.sock", daemonMax, daemonMin));
    }

    [Fact]
    public void Negotiate_DaemonThatOutgrewTheClient_SaysToUpgrade()
    {
        var error = Assert.Throws<ContainerEngineException>(() => ApiVersionNegotiation.Negotiate("unix:///x.sock", "1.70", "1.60"));

        Assert.Contains("upgrade Horadus", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "unix:///var/run/docker.sock")]
    [InlineData("", "unix:///var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375")]
    public void Resolve_HonoursDockerHostAndDefaultsToTheLocalSocket(string? dockerHost, string expected)
    {
        Assert.Equal(expected, DockerEndpoint.Resolve(dockerHost).OriginalString);
    }

    [Fact]
    public void WithOverrides_ReplacesInPlaceAndAppendsTheRest()
    {
        var env = EnvironmentEntries.WithOverrides(
            ["PATH=/bin", "DATABASE_URL_FILE=/old/database_url", "ROLE=api"],
            new Dictionary<string, string> { ["DATABASE_URL_FILE"] = "/run/secrets/horadus/database_url", ["API_KEYS_FILE"] = "/run/secrets/horadus/api_keys" });

        Assert.Equal(["PATH=/bin", "DATABASE_URL_FILE=/run/secrets/horadus/database_url", "ROLE=api", "API_KEYS_FILE=/run/secrets/horadus/api_keys"], env);
    }
}
