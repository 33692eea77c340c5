using Horadus.Core.Desired;
using Horadus.Core.Planning;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Core.Execution;

/// <summary>
/// Carries out the swarm steps of a plan through <see cref="ISwarmEngine"/>: creates the secret versions, updates each
/// service wave by wave (services of one wave in parallel) behind <see cref="SwarmGateRunner"/>, removes the versions
/// retention let go. It decides nothing; on a failed gate it returns the failure and the caller rolls back.
/// </summary>
public sealed class SwarmRollout(ISwarmEngine swarm, SwarmGateRunner gates, IApplyObserver observer, IFaultPoints faults, TimeProvider time)
{
    private IReadOnlyDictionary<string, string>? _fingerprints;

    public SecretRedactor Redactor => gates.Redactor;

    public async Task CreateSecretAsync(DesiredState desired, CreateSwarmSecret create, CancellationToken cancellationToken)
    {
        var file = desired.Files.Single(f => f.Name == create.File);
        var labels = new Dictionary<string, string>
        {
            [SwarmLabels.Managed] = "true",
            [SwarmLabels.Release] = create.Release,
            [SwarmLabels.File] = create.File,
            // One key over every value: made once per run, not once per version.
            [SwarmLabels.Fingerprint] = (_fingerprints ??= SwarmFingerprints.Of(desired.Files))[create.File],
        };
        await swarm.CreateSecretAsync(create.SecretName, file.Value, labels, cancellationToken);
        faults.Reach(FaultPoint.SwarmSecretCreated);
    }

    public Task RemoveSecretAsync(RemoveSwarmSecret remove, CancellationToken cancellationToken) => swarm.RemoveSecretAsync(remove.SecretId, cancellationToken);

    /// <summary>Updates the services of one wave in parallel and gates them; the first failure is returned.</summary>
    public async Task<GateFailure?> UpdateWaveAsync(DesiredState desired, IReadOnlyList<Change> wave, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(wave.Select(change => UpdateAsync(desired, change, cancellationToken)));
        return results.FirstOrDefault(f => f is not null);
    }

    /// <summary>Returns a service to its previous spec (the old secret versions) and gates it again.</summary>
    public async Task<GateFailure?> RollbackAsync(ServiceSpec spec, Change change, CancellationToken cancellationToken)
    {
        var service = ((RollbackSwarmService)change.Operation).SwarmService;
        var observed = (await swarm.ObserveAsync([service], cancellationToken)).Service(service);
        if (observed is null)
        {
            return GateFailure.Engine(spec.Name, $"swarm service {service} is gone");
        }

        var since = time.GetUtcNow();
        observer.Starting(change);
        var onFailed = observed.LabelledRelease == ((RollbackSwarmService)change.Operation).FailedRelease;
        var back = onFailed ? observed.Previous : observed.Current;
        var expected = back.Select(r => r.SecretName).ToHashSet(StringComparer.Ordinal);
        if (onFailed)
        {
            try
            {
                await swarm.RollbackServiceAsync(service, cancellationToken);
            }
            catch (ContainerEngineException)
            {
                // Swarm's own rollback (failure_action) may have swapped the specs between our look and our request, which
                // it then refuses ("does not have a previous spec"): then the service is where it must go, and the gates
                // say whether it got there. Otherwise the refusal stands.
                if (!await BackAlreadyAsync(service, expected, cancellationToken))
                {
                    throw;
                }
            }

            faults.Reach(FaultPoint.SwarmServiceRolledBack);
        }

        var failure = await gates.WaitSettledAsync(spec, service, expected, since, line => observer.Progress(change.Address, line), cancellationToken, rollback: true);
        if (failure is null)
        {
            observer.Finished(change);
        }

        return failure;
    }

    private async Task<bool> BackAlreadyAsync(string service, IReadOnlySet<string> expected, CancellationToken cancellationToken) =>
        (await swarm.ObserveAsync([service], cancellationToken)).Service(service) is { } now && expected.IsSubsetOf(now.Current.Select(r => r.SecretName));

    /// <summary>One service update (skipped when a resumed run finds the spec already on the release), then its gates.</summary>
    public async Task<GateFailure?> UpdateAsync(DesiredState desired, Change change, CancellationToken cancellationToken)
    {
        var update = (UpdateSwarmService)change.Operation;
        var spec = desired.Services.Single(s => s.Name == update.Service);
        var target = spec.Swarm!;
        var service = update.SwarmService;
        observer.Starting(change);
        var snapshot = await swarm.ObserveAsync([service], cancellationToken);
        var versions = SwarmPlanner.Versions(desired.Files, desired.Stamp);
        var references = new List<SwarmSecretReference>();
        foreach (var (file, name) in versions)
        {
            var secret = snapshot.Secret(name) ?? throw new ContainerEngineException($"swarm secret {name} is missing: it should have been created before the update of {service}");
            references.Add(new SwarmSecretReference(secret.Id, name, SecretsLayout.FileInContainer(spec, file), (uint)desired.Ownership.Uid, (uint)desired.Ownership.Gid, (uint)desired.Modes.File.Bits));
        }

        var since = time.GetUtcNow();
        var observed = snapshot.Service(service);
        var expected = versions.Values.ToHashSet(StringComparer.Ordinal);
        if (observed is null || !expected.IsSubsetOf(observed.Current.Select(r => r.SecretName)) || observed.LabelledRelease != desired.Stamp.Value)
        {
            // The version the plan saw, unless the run resumes a service already touched: then the one just observed.
            await swarm.UpdateServiceAsync(service, observed?.Version ?? update.Version, references, target.Update, desired.Stamp.Value, cancellationToken);
            faults.Reach(FaultPoint.SwarmServiceUpdated);
        }

        var failure = await gates.WaitSettledAsync(spec, service, expected, since, line => observer.Progress(change.Address, line), cancellationToken);
        if (failure is null)
        {
            observer.Finished(change);
        }

        return failure;
    }
}
