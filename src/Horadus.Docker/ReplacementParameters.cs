using Docker.DotNet.Models;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Docker;

/// <summary>
/// The create request for a replacement: the old container's configuration as the engine reports it (so compose's labels,
/// restart policy, network mode, healthcheck, user, ... carry over), with the secrets bind at the mount path swapped
/// for <c>MountSource:MountPath:ro</c> and the <c>*_FILE</c> variables and Horadus labels applied.
/// </summary>
internal static class ReplacementParameters
{
    public static CreateContainerParameters Build(ContainerInspectResponse old, ReplacementSpec spec, string image, string name)
    {
        var config = old.Config ?? throw new ContainerEngineException($"Container {old.Name.TrimStart('/')} reported no configuration; it cannot be recreated.");
        var labels = new Dictionary<string, string>(config.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ObservedContainer.ReleaseLabel] = spec.Release,
            [ObservedContainer.ManagedLabel] = "true",
            [AsideContainers.ReplacesLabel] = old.ID,
        };

        return new CreateContainerParameters
        {
            Name = name,
            Image = image,
            // The engine fills Hostname with the short id when none was asked for: keep only a chosen one.
            Hostname = config.Hostname == AsideContainers.ShortId(old.ID) ? string.Empty : config.Hostname,
            Domainname = config.Domainname,
            User = config.User,
            Env = EnvironmentEntries.WithOverrides(config.Env, spec.FileVariables),
            Cmd = config.Cmd,
            Entrypoint = config.Entrypoint,
            WorkingDir = config.WorkingDir,
            Labels = labels,
            ExposedPorts = config.ExposedPorts,
            Volumes = config.Volumes,
            Healthcheck = config.Healthcheck,
            StopSignal = config.StopSignal,
            StopTimeout = config.StopTimeout,
            Shell = config.Shell,
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            StdinOnce = config.StdinOnce,
            AttachStdin = config.AttachStdin,
            AttachStdout = config.AttachStdout,
            AttachStderr = config.AttachStderr,
            HostConfig = HostConfigFor(old, spec),
            NetworkingConfig = PrimaryNetwork(old),
        };
    }

    /// <summary>Networks beyond the primary one: API 1.41 accepts one endpoint at create, the rest are connected before start.</summary>
    public static IEnumerable<(string Network, EndpointSettings Endpoint)> ExtraNetworks(ContainerInspectResponse old)
    {
        var primary = old.HostConfig?.NetworkMode;
        return (old.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
            .Where(n => n.Key != primary && !IsSpecialNetworkMode(n.Key))
            .Select(n => (n.Key, EndpointFor(old, n.Value)));
    }

    private static HostConfig HostConfigFor(ContainerInspectResponse old, ReplacementSpec spec)
    {
        var host = old.HostConfig ?? new HostConfig();
        var covered = new HashSet<string>(StringComparer.Ordinal) { spec.MountPath };
        var binds = (host.Binds ?? []).Where(b => BindDestination(b) != spec.MountPath).ToList();
        binds.Add($"{spec.MountSource}:{spec.MountPath}:ro");
        covered.UnionWith(binds.Select(BindDestination));
        var mounts = host.Mounts?.Where(m => m.Target != spec.MountPath).ToList();
        covered.UnionWith((mounts ?? []).Select(m => m.Target ?? string.Empty));

        // Anonymous volumes would come back empty: hand the old ones over, as compose does when it recreates.
        binds.AddRange((old.Mounts ?? [])
            .Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name) && !covered.Contains(m.Destination))
            .Select(m => m.RW ? $"{m.Name}:{m.Destination}" : $"{m.Name}:{m.Destination}:ro"));

        host.Binds = binds;
        host.Mounts = mounts;
        return host;
    }

    private static NetworkingConfig? PrimaryNetwork(ContainerInspectResponse old)
    {
        var primary = old.HostConfig?.NetworkMode;
        if (string.IsNullOrEmpty(primary) || IsSpecialNetworkMode(primary)
            || old.NetworkSettings?.Networks is not { } networks || !networks.TryGetValue(primary, out var endpoint))
        {
            return null;
        }

        return new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [primary] = EndpointFor(old, endpoint) } };
    }

    /// <summary>What the user chose for an endpoint (aliases such as compose's service name, fixed addresses), not what the engine assigned.</summary>
    private static EndpointSettings EndpointFor(ContainerInspectResponse old, EndpointSettings endpoint) => new()
    {
        Aliases = (endpoint.Aliases ?? []).Where(a => a != AsideContainers.ShortId(old.ID)).ToList(),
        Links = endpoint.Links,
        IPAMConfig = endpoint.IPAMConfig,
        DriverOpts = endpoint.DriverOpts,
    };

    private static bool IsSpecialNetworkMode(string mode) =>
        mode is "host" or "none" or "default" or "bridge" || mode.StartsWith("container:", StringComparison.Ordinal);

    /// <summary><c>source:destination[:options]</c>; Linux paths hold no colon, so the destination is the second field.</summary>
    private static string BindDestination(string bind)
    {
        var parts = bind.Split(':');
        return parts.Length >= 2 ? parts[1] : bind;
    }
}
