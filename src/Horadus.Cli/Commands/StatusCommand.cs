using System.CommandLine;
using System.Text.Json;
using Horadus.Cli.Composition;
using Horadus.Cli.Rendering;
using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Planning;
using Horadus.Core.Services;
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
            var observed = host.Observe();
            var ledger = new ReleaseLedger(new JsonlHistoryStore(host.Root).Read());
            var (services, leftovers, engineError) = await ServicesAsync(context, manifest, host.Root, cancellationToken);
            var status = StatusDocument.From(observed, ledger, manifest, services) with
            {
                Daemon = new StateFile<Watching.WatchStatus>(host.Root, "watch.json").Read(),
                Suspended = Watching.WatchCycle.Suspensions(host.Root).Read(),
            };
            if (leftovers.Count > 0)
            {
                // Containers left aside by an apply that did not finish: what to do with them, as the plan says it.
                status = status with { Problems = [.. status.Problems, .. leftovers] };
            }

            if (result.GetValue(json))
            {
                context.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(status, PlanDocument.Json));
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

    /// <returns>The services, the containers left aside, and why the engine could not be asked (then every service has that error).</returns>
    private static async Task<(IReadOnlyList<ServiceStatus> Services, IReadOnlyList<Diagnostic> Leftovers, string? EngineError)> ServicesAsync(
        CliContext context, ManifestDocument manifest, string root, CancellationToken cancellationToken)
    {
        if (manifest.Services.Count == 0)
        {
            return ([], [], null);
        }

        var secretVariables = Horadus.Core.Services.SecretsLayout.RawVariables(manifest.Mapping.Select(m => m.Variable));
        try
        {
            using var engine = new DockerContainerEngine(context.Environment("DOCKER_HOST"));
            await engine.ConnectAsync(cancellationToken);
            var statuses = new List<ServiceStatus>();
            var leftovers = new List<Diagnostic>();
            foreach (var spec in manifest.Services)
            {
                var containers = await engine.FindAsync(spec.Selector, secretVariables, cancellationToken);
                leftovers.AddRange(ServicePlanner.SetAsideDiagnostics(spec.Name, containers));
                statuses.Add(new ServiceStatus(spec.Name, null, containers.Select(c => new ContainerStatus(
                    c.Name,
                    Horadus.Core.Services.SecretsLayout.ShortId(c.Id),
                    EnumNames.Of(c.State),
                    EnumNames.Of(c.Health),
                    c.RestartCount,
                    ServicePlanner.MountedRelease(root, spec, c)?.ToString(),
                    c.RawSecretVariables,
                    c.SetAside)).ToList()));
            }

            return (statuses, leftovers, null);
        }
        catch (Horadus.Core.Ports.ContainerEngineException e)
        {
            return (manifest.Services.Select(s => new ServiceStatus(s.Name, $"container engine: {e.Message}", [])).ToList(), [], e.Message);
        }
    }
}
