namespace Horadus.Core.Services;

public enum ContainerHealth
{
    /// <summary>The image declares no HEALTHCHECK.</summary>
    None,
    Starting,
    Healthy,
    Unhealthy,
}
