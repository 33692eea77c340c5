namespace Horadus.Core.Services;

public enum ContainerState
{
    Created,
    Running,
    Restarting,
    Paused,
    Exited,
    Dead,
    Unknown,
}
