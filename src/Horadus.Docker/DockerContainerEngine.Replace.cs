using Docker.DotNet;
using Docker.DotNet.Models;
using Horadus.Core.Ports;

namespace Horadus.Docker;

public sealed partial class DockerContainerEngine
{
    public async Task<ReplacedContainer> ReplaceAsync(string containerId, ReplacementSpec spec, CancellationToken cancellationToken)
    {
        var old = await InspectRawAsync(containerId, cancellationToken);
        var originalName = old.Name.TrimStart('/');
        if (old.HostConfig?.AutoRemove == true)
        {
            throw new ContainerEngineException(
                $"Container {originalName} was started with --rm: stopping it would delete it, so it cannot be set aside for a rollback. " +
                "Recreate the service without auto-remove.");
        }

        var asideName = AsideContainers.AsideName(originalName, old.ID);
        var image = await ImageToRecreateAsync(old, cancellationToken);
        var parameters = ReplacementParameters.Build(old, spec, image, originalName);
        var secrets = EnvironmentEntries.Values(parameters.Env).ToList();

        string? newId = null;
        try
        {
            // Renamed aside before it is stopped: whatever instant a kill strikes, a stopped old container is always one
            // marked aside, which the next plan brings back or removes, never an anonymous stopped service.
            await RenameAsync(old.ID, asideName, cancellationToken);
            Faults.Reach(FaultPoint.ContainerRenamed);
            if (old.HostConfig?.RestartPolicy?.Name == RestartPolicyKind.Always)
            {
                // "always" revives even a stopped container when the daemon restarts: the one set aside must stay down.
                await SetRestartPolicyAsync(old.ID, new RestartPolicy { Name = RestartPolicyKind.No }, cancellationToken);
            }

            async Task CreateAsync()
            {
                newId = (await CallAsync($"create the replacement of {originalName}", (c, ct) => c.Containers.CreateContainerAsync(parameters, ct), cancellationToken, secrets)).ID;
                Faults.Reach(FaultPoint.ContainerCreated);
            }

            async Task StopOldAsync()
            {
                await StopAsync(old.ID, spec.StopTimeout, cancellationToken);
                Faults.Reach(FaultPoint.ContainerStopped);
            }

            // Stop-first: the old one stops while its replacement is created (its name is free once renamed, and a created
            // container binds nothing), so the service is down only from the stop to the start. Both are awaited before
            // anything else, a failure included, so an undo never races a create still in flight. Either order of the
            // two is a state the next plan repairs: the one set aside is stopped or running, the replacement created or not.
            await Task.WhenAll(spec.StartFirst ? [CreateAsync()] : [StopOldAsync(), CreateAsync()]);
            var replacementId = newId ?? throw new InvalidOperationException("the engine created the replacement without an id");
            foreach (var (network, endpoint) in ReplacementParameters.ExtraNetworks(old))
            {
                var connect = new NetworkConnectParameters { Container = replacementId, EndpointConfig = endpoint };
                await CallAsync($"connect the replacement of {originalName} to network {network}", (c, ct) => c.Networks.ConnectNetworkAsync(network, connect, ct), cancellationToken);
            }

            await StartAsync(replacementId, $"start the replacement of {originalName}", cancellationToken);
            Faults.Reach(FaultPoint.ContainerStarted);
            if (spec.StartFirst)
            {
                // Start-first: the old one served until its replacement ran. A kill before this stop leaves both running,
                // the old one named aside: the next plan removes it (replacement on the target) or brings it back.
                await StopAsync(old.ID, spec.StopTimeout, cancellationToken);
                Faults.Reach(FaultPoint.ContainerStopped);
            }

            return new ReplacedContainer(old.ID, originalName, asideName, replacementId, RestartPolicies.ToPort(old.HostConfig?.RestartPolicy));
        }
        catch (Exception ex)
        {
            // Leave the host as we found it: the caller has no ReplacedContainer to restore from.
            var undo = await TryUndoAsync(new ReplacedContainer(old.ID, originalName, asideName, newId ?? string.Empty), spec.StopTimeout, old.HostConfig?.RestartPolicy);
            if (ex is not ContainerEngineException)
            {
                throw;
            }

            throw new ContainerEngineException($"Replacing container {originalName} failed, {undo}: {ex.Message}", ex);
        }
    }

    public async Task CommitAsync(ReplacedContainer replaced, CancellationToken cancellationToken)
    {
        var aside = await TryInspectAsync(replaced.OldId, cancellationToken);
        if (aside is null)
        {
            return;
        }

        // Only ever delete what we set aside ourselves.
        if (aside.Name.TrimStart('/') != replaced.AsideName)
        {
            throw new ContainerEngineException(
                $"Container {AsideContainers.ShortId(replaced.OldId)} is named {aside.Name.TrimStart('/')}, not {replaced.AsideName}: " +
                "it is no longer set aside, so Horadus leaves it in place.");
        }

        await RemoveAsync(replaced.OldId, $"remove the set-aside container {replaced.AsideName}", cancellationToken);
    }

    public Task SignalAsync(string containerId, string signal, CancellationToken cancellationToken) =>
        CallAsync($"send {signal} to container {AsideContainers.ShortId(containerId)}",
            (client, ct) => client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = signal }, ct), cancellationToken);

    public Task RestartAsync(string containerId, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        CallAsync($"restart container {AsideContainers.ShortId(containerId)}",
            (client, ct) => client.Containers.RestartContainerAsync(containerId, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(stopTimeout.TotalSeconds) }, ct),
            cancellationToken);

    public Task RestoreAsync(ReplacedContainer replaced, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        RestoreAsync(replaced, stopTimeout, RestartPolicies.FromPort(replaced.OldRestartPolicy), cancellationToken);

    /// <param name="knownRestartPolicy">The old container's policy when known; else the replacement's copy of it is used.</param>
    private async Task RestoreAsync(ReplacedContainer replaced, TimeSpan stopTimeout, RestartPolicy? knownRestartPolicy, CancellationToken cancellationToken)
    {
        var replacement = string.IsNullOrEmpty(replaced.NewId) ? null : await TryInspectAsync(replaced.NewId, cancellationToken);
        var restartPolicy = knownRestartPolicy ?? replacement?.HostConfig?.RestartPolicy;
        if (replacement is not null)
        {
            await StopAsync(replaced.NewId, stopTimeout, cancellationToken);
            await RemoveAsync(replaced.NewId, $"remove the replacement of {replaced.OriginalName}", cancellationToken);
            Faults.Reach(FaultPoint.ReplacementRemoved);
        }

        var old = await TryInspectAsync(replaced.OldId, cancellationToken)
            ?? throw new ContainerEngineException(
                $"The set-aside container {replaced.AsideName} ({AsideContainers.ShortId(replaced.OldId)}) is gone; {replaced.OriginalName} cannot be restored from it.");
        if (old.Name.TrimStart('/') != replaced.OriginalName)
        {
            await RenameAsync(replaced.OldId, replaced.OriginalName, cancellationToken);
        }

        if (old.State?.Running == true)
        {
            // Set aside but never stopped (a kill between the rename and the stop): restarted, so that it mounts what
            // current names now, as every restored container does.
            await StopAsync(replaced.OldId, stopTimeout, cancellationToken);
        }

        if (restartPolicy is not null && restartPolicy.Name != old.HostConfig?.RestartPolicy?.Name)
        {
            await SetRestartPolicyAsync(replaced.OldId, restartPolicy, cancellationToken);
        }

        await StartAsync(replaced.OldId, $"start the restored container {replaced.OriginalName}", cancellationToken);
    }

    /// <summary>Undo a half-done replacement without letting a second failure hide the first one.</summary>
    private async Task<string> TryUndoAsync(ReplacedContainer partial, TimeSpan stopTimeout, RestartPolicy? restartPolicy)
    {
        try
        {
            await RestoreAsync(partial, stopTimeout, restartPolicy, CancellationToken.None);
            return "the old container was put back";
        }
        catch (ContainerEngineException undo)
        {
            return $"and putting the old container back failed too ({undo.Message})";
        }
    }

    /// <summary>The tag when it still names the old container's image, else the image id: a rotation must not upgrade the service.</summary>
    private async Task<string> ImageToRecreateAsync(ContainerInspectResponse old, CancellationToken cancellationToken)
    {
        var name = old.Config?.Image;
        if (string.IsNullOrEmpty(name) || name == old.Image)
        {
            return old.Image;
        }

        var current = await CallAsync(
            $"inspect image {name}",
            async (c, ct) =>
            {
                try
                {
                    return await c.Images.InspectImageAsync(name, ct);
                }
                catch (DockerImageNotFoundException)
                {
                    return null;
                }
            },
            cancellationToken);
        return current?.ID == old.Image ? name : old.Image;
    }

    private async Task<ContainerInspectResponse?> TryInspectAsync(string containerId, CancellationToken cancellationToken) =>
        await CallAsync(
            $"inspect container {containerId}",
            async (c, ct) =>
            {
                try
                {
                    return await c.Containers.InspectContainerAsync(containerId, ct);
                }
                catch (DockerContainerNotFoundException)
                {
                    return null;
                }
            },
            cancellationToken);

    private Task StopAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var parameters = new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(Math.Max(0, timeout.TotalSeconds)) };
        return CallAsync($"stop container {AsideContainers.ShortId(containerId)}", (c, ct) => c.Containers.StopContainerAsync(containerId, parameters, ct), cancellationToken);
    }

    private Task RenameAsync(string containerId, string newName, CancellationToken cancellationToken) =>
        CallAsync(
            $"rename container {AsideContainers.ShortId(containerId)} to {newName}",
            (c, ct) => c.Containers.RenameContainerAsync(containerId, new ContainerRenameParameters { NewName = newName }, ct),
            cancellationToken);

    private Task SetRestartPolicyAsync(string containerId, RestartPolicy policy, CancellationToken cancellationToken) =>
        CallAsync(
            $"change the restart policy of container {AsideContainers.ShortId(containerId)}",
            (c, ct) => c.Containers.UpdateContainerAsync(containerId, new ContainerUpdateParameters { RestartPolicy = policy }, ct),
            cancellationToken);

    private Task StartAsync(string containerId, string action, CancellationToken cancellationToken) =>
        CallAsync(action, (c, ct) => c.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), ct), cancellationToken);

    /// <summary>Force-removes; anonymous volumes stay (a replacement may have taken them over).</summary>
    private Task RemoveAsync(string containerId, string action, CancellationToken cancellationToken) =>
        CallAsync(
            action,
            async (c, ct) =>
            {
                try
                {
                    await c.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, ct);
                }
                catch (DockerContainerNotFoundException)
                {
                    // Already gone: what we wanted.
                }
            },
            cancellationToken);
}
