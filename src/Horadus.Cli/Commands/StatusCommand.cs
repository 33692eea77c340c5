using System.CommandLine;
using System.Text.Json;
using Horadus.Core.Serialization;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Diagnostics;
using Horadus.Core.Execution;
using Horadus.Core.History;
using Horadus.Core.Planning;
using Horadus.Core.Services;
using Horadus.Core.Swarm;
using Horadus.Docker;
using Horadus.Host.State;
using Horadus.Host.Tree;
using Horadus.Manifest;

namespace Horadus.Cli.Commands;

/// <summary><c>horadus status</c>: what is live, which releases are kept and how they stand, and the services. Needs no key.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (schemas/horadus.status.schema.json)" };
        var command = new Command("status", "Show the live release, the releases on the host and the services");
        common.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = common.Read(result);
            var (manifest, diagnostics) = Session.LoadManifest(context, options.ManifestPath);
            if (manifest is null)
            {
                Session.Report(context, diagnostics);
                return ExitCodes.Error;
            }

            var root = options.RootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(options.RootOverride, context.WorkingDirectory);
            var host = new PosixSecretsHost(root);
            using var engine = new DockerContainerEngine(context.Environment("DOCKER_HOST"));
            var read = await new StatusQuery(host, new JsonlHistoryStore(host.Root), () => engine, () => engine)
                .ReadAsync(manifest.Services, manifest.Mapping.Select(m => m.Variable), cancellationToken);
            var (observed, engineError, leftovers) = (read.Observed, read.EngineError, read.Leftovers);
            var services = Services(manifest, host.Root, read);
            var status = StatusDocument.From(observed, read.Ledger, manifest, services) with
            {
                Daemon = new StateFile<Watching.WatchStatus>(host.Root, "watch.json", CliJson.State.Info<Watching.WatchStatus>()).Read(),
                Suspended = Watching.WatchCycle.Suspensions(host.Root).Read(),
            };
            if (leftovers.Count > 0)
            {
                // Containers left aside by an apply that did not finish: what to do with them, as the plan says it.
                status = status with { Problems = [.. status.Problems, .. leftovers] };
            }

            if (result.GetValue(json))
            {
                context.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(status, PlanDocument.Json.Info<StatusDocument>()));
            }
            else
            {
                StatusView.Write(context.Out, status);
            }

            // What could be read of the files is shown above; a status that could not ask about the services is still a failure.
            if (engineError is not null)
            {
                context.Error.WriteLine($"error: the services could not be read: {engineError}");
            }

            return engineError is not null || observed.Problems.Any(p => p.IsError) ? ExitCodes.Error : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The services as status shows them; when the engine could not be asked, every service says why.</summary>
    private static IReadOnlyList<ServiceStatus> Services(ManifestDocument manifest, string root, HostStatus read)
    {
        if (read.EngineError is { } error)
        {
            return manifest.Services.Select(s => new ServiceStatus(s.Name, $"container engine: {error}", [], Layout(s))).ToList();
        }

        var compose = read.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return manifest.Services.Select(spec => spec.Swarm is { } target
            ? SwarmService(spec.Name, target, read.Swarm) with { Layout = Layout(spec) }
            : new ServiceStatus(spec.Name, null, compose[spec.Name].Containers.Select(c => new ContainerStatus(
                c.Name,
                SecretsLayout.ShortId(c.Id),
                EnumNames.Of(c.State),
                EnumNames.Of(c.Health),
                c.RestartCount,
                ServicePlanner.ReadRelease(root, spec, c, read.Observed.Current?.Release)?.ToString(),
                c.RawSecretVariables,
                c.SetAside)).ToList(), Layout(spec))).ToList();
    }

    private static string Layout(ServiceSpec spec) => spec.Swarm is null ? SecretsLayout.Describe(spec) : "swarm: secret versions per release";

    /// <summary>A swarm service's tasks the orchestrator wants running, each with the release of the secret versions it mounts.</summary>
    private static ServiceStatus SwarmService(string name, SwarmTarget target, SwarmSnapshot swarm)
    {
        if (!swarm.IsManager)
        {
            return new ServiceStatus(name, "the Docker engine is not a swarm manager: run status against one (DOCKER_HOST)", []);
        }

        if (swarm.Find(target, out var problem) is not { } service)
        {
            return new ServiceStatus(name, problem, []);
        }

        return new ServiceStatus(name, null, service.Tasks.Where(t => t.State != SwarmTaskState.Failed).Select(t => new ContainerStatus(
            $"{service.Name}.{SecretsLayout.ShortId(t.Id)}",
            SecretsLayout.ShortId(t.Id),
            EnumNames.Of(t.State),
            t.HasHealthcheck ? t.Healthy switch { true => "healthy", false => "unhealthy", null => "starting" } : "none",
            0,
            SwarmPlanner.ReleasesOf(t.SecretNames.Select(swarm.Secret)) is var releases and not "(none)" ? releases : null,
            [])).ToList());
    }
}
