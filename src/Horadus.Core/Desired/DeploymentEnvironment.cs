namespace Horadus.Core.Desired;

/// <summary>Whether the manifest describes a development sandbox or a production host.</summary>
public enum DeploymentEnvironment
{
    Development,
    Production,
}
