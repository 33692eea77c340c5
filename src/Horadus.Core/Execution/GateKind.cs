namespace Horadus.Core.Execution;

/// <summary>Which check stopped a rollout. The first five judge the release; the last two do not.</summary>
public enum GateKind
{
    /// <summary>The container exited, died or was restarted by its policy.</summary>
    Running,

    /// <summary>The image's own HEALTHCHECK said unhealthy, or never said healthy.</summary>
    Healthcheck,

    /// <summary>The HTTP probe did not answer as expected.</summary>
    Http,

    /// <summary>A failure pattern appeared in the container's log.</summary>
    Log,

    /// <summary>The pre-flight command refused the release.</summary>
    Preflight,

    /// <summary>The container engine failed while recreating: says nothing about the release.</summary>
    Engine,

    /// <summary>The run was interrupted (SIGINT, SIGTERM): says nothing about the release.</summary>
    Interrupted,
}
