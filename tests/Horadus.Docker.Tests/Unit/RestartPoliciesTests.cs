using Docker.DotNet.Models;

namespace Horadus.Docker.Tests.Unit;

public sealed class RestartPoliciesTests
{
    [Theory]
    [InlineData(RestartPolicyKind.No, "no", 0)]
    [InlineData(RestartPolicyKind.Always, "always", 0)]
    [InlineData(RestartPolicyKind.OnFailure, "on-failure", 3)]
    [InlineData(RestartPolicyKind.UnlessStopped, "unless-stopped", 0)]
    public void APolicy_RoundTripsThroughThePortsWords(RestartPolicyKind kind, string word, long retries)
    {
        var port = RestartPolicies.ToPort(new RestartPolicy { Name = kind, MaximumRetryCount = retries });
        var back = RestartPolicies.FromPort(port);

        Assert.Equal(word, port!.Name);
        Assert.Equal(kind, back!.Name);
        Assert.Equal(retries, back.MaximumRetryCount);
    }

    [Fact]
    public void AnUndefinedOrUnknownPolicy_IsNotInvented()
    {
        Assert.Null(RestartPolicies.ToPort(null));
        Assert.Null(RestartPolicies.ToPort(new RestartPolicy { Name = RestartPolicyKind.Undefined }));
        Assert.Null(RestartPolicies.FromPort(new Horadus.Core.Ports.ContainerRestartPolicy("sometimes", 0)));
    }
}
