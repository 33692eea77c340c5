using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// The status use case: read-only, no lock, no values and no key needed. It reads the host, the journal and, when the
/// manifest declares services, their containers; an engine it cannot reach is said, not fatal.
/// </summary>
public sealed class StatusQuery(ISecretsHost host, IHistoryStore history, Func<IContainerEngine> engine, Func<ISwarmEngine>? swarm = null)
{
    public async Task<HostStatus> ReadAsync(IReadOnlyList<ServiceSpec> services, IEnumerable<string> fileVariables, CancellationToken cancellationToken)
    {
        var observed = host.Observe();
        var ledger = new ReleaseLedger(history.Read());
        if (services.Count == 0)
        {
            return new HostStatus(observed, ledger, [], [], null);
        }

        var rawVariables = SecretsLayout.RawVariables(fileVariables);
        try
        {
            var containers = engine();
            await containers.ConnectAsync(cancellationToken);
            var found = new List<ObservedService>();
            var leftovers = new List<Diagnostic>();
            // A swarm service has no containers of ours to list: `docker service ps` shows its tasks.
            foreach (var spec in services.Where(s => s.Swarm is null))
            {
                var service = new ObservedService(spec.Name, await containers.FindAsync(spec.Selector, rawVariables, cancellationToken));
                leftovers.AddRange(ServicePlanner.SetAsideDiagnostics(spec.Name, service.Containers));
                found.Add(service);
            }

            var swarmServices = services.Where(s => s.Swarm is not null).Select(s => s.Swarm!.Describe()).ToList();
            var swarmSnapshot = swarmServices.Count > 0 && swarm is not null ? await swarm().ObserveAsync(swarmServices, cancellationToken) : Swarm.SwarmSnapshot.Empty;
            return new HostStatus(observed, ledger, found, leftovers, null) { Swarm = swarmSnapshot };
        }
        catch (ContainerEngineException e)
        {
            return new HostStatus(observed, ledger, [], [], e.Message);
        }
    }
}
