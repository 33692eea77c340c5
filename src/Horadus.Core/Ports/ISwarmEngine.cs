using Horadus.Core.Desired;
using Horadus.Core.Swarm;

namespace Horadus.Core.Ports;

/// <summary>
/// The swarm side of the Docker engine, reached through a manager node. Values go in (secret creation) and never
/// come back out: the engine keeps no way to read a secret, and Horadus labels each version with its keyed fingerprint.
/// </summary>
public interface ISwarmEngine
{
    /// <summary>Whether the engine is a swarm manager, the named services (with both specs' secret references and their tasks), and every secret.</summary>
    Task<SwarmSnapshot> ObserveAsync(IReadOnlyCollection<string> services, CancellationToken cancellationToken);

    /// <summary>Creates one secret version; labels say release, file, fingerprint and that Horadus made it. Returns its id.</summary>
    Task<string> CreateSecretAsync(string name, SecretValue value, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>
    /// One service update: the references to the mapped files replaced by <paramref name="references"/> (others kept),
    /// the update config set, the release label written. Fails if the spec is no longer at <paramref name="version"/>.
    /// </summary>
    Task UpdateServiceAsync(string service, ulong version, IReadOnlyList<SwarmSecretReference> references, SwarmUpdateSettings update, string release, CancellationToken cancellationToken);

    /// <summary>Returns the service to its previous spec (<c>docker service rollback</c>).</summary>
    Task RollbackServiceAsync(string service, CancellationToken cancellationToken);

    Task RemoveSecretAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tail of the service's logs (all its tasks) since <paramref name="since"/>, for the log-pattern gate.</summary>
    Task<IReadOnlyList<string>> ServiceLogsAsync(string service, DateTimeOffset since, CancellationToken cancellationToken);
}
