using Docker.DotNet.Models;
using Horadus.Core.Ports;

namespace Horadus.Docker;

/// <summary>Restart policies between the engine's model and the port's words (<c>no</c>, <c>always</c>, <c>on-failure</c>, <c>unless-stopped</c>).</summary>
internal static class RestartPolicies
{
    public static ContainerRestartPolicy? ToPort(RestartPolicy? policy) => policy?.Name switch
    {
        null or RestartPolicyKind.Undefined => null,
        RestartPolicyKind.No => new("no", policy.MaximumRetryCount),
        RestartPolicyKind.Always => new("always", policy.MaximumRetryCount),
        RestartPolicyKind.OnFailure => new("on-failure", policy.MaximumRetryCount),
        RestartPolicyKind.UnlessStopped => new("unless-stopped", policy.MaximumRetryCount),
        _ => null,
    };

    public static RestartPolicy? FromPort(ContainerRestartPolicy? policy)
    {
        RestartPolicyKind? kind = policy?.Name switch
        {
            "no" => RestartPolicyKind.No,
            "always" => RestartPolicyKind.Always,
            "on-failure" => RestartPolicyKind.OnFailure,
            "unless-stopped" => RestartPolicyKind.UnlessStopped,
            _ => null,
        };
        return kind is { } name ? new RestartPolicy { Name = name, MaximumRetryCount = policy!.MaximumRetryCount } : null;
    }
}
