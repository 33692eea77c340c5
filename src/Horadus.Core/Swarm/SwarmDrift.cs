using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Planning;
using Horadus.Core.Services;

namespace Horadus.Core.Swarm;

/// <summary>
/// What changed on the swarm behind Horadus's back: a spec that references another release's versions (or mixes
/// releases), a service updated by hand, a secret with our labels that Horadus did not make as it is.
/// </summary>
public static class SwarmDrift
{
    public const string Code = "swarm-drift";

    public static IEnumerable<Diagnostic> Find(IReadOnlyList<DesiredFile> files, IReadOnlyList<ServiceSpec> swarmServices, SwarmSnapshot swarm, ReleaseStamp target)
    {
        foreach (var spec in swarmServices)
        {
            var observed = swarm.Find(spec.Swarm!, out _);
            if (observed is null || observed.LabelledRelease is null)
            {
                continue;
            }

            var releases = SwarmPlanner.ReleasesOf(observed.Current, swarm);
            if (releases != observed.LabelledRelease)
            {
                yield return Drift($"swarm service '{observed.Name}' references the secrets of release(s) {releases}, but Horadus last set release {observed.LabelledRelease}: it was updated by hand",
                    Addresses.SwarmService(spec.Name));
            }

            var foreign = observed.Current.Where(r => swarm.Secrets.FirstOrDefault(s => s.Id == r.SecretId) is not { Managed: true }
                && files.Any(f => TargetFile(r.TargetName) == f.Name)).Select(r => r.SecretName).ToList();
            if (foreign.Count > 0)
            {
                yield return Drift($"swarm service '{observed.Name}' mounts a mapped file from secret(s) Horadus did not make: {string.Join(", ", foreign)}",
                    Addresses.SwarmService(spec.Name));
            }
        }

        foreach (var secret in swarm.Secrets.Where(s => s.Managed))
        {
            if (!ReleaseStamp.TryParse(secret.Release, out var release) || secret.File is null || SwarmSecretName.For(secret.File, release) != secret.Name)
            {
                yield return Drift($"swarm secret '{secret.Name}' carries Horadus's labels but not the name they give (release {secret.Release ?? "(none)"}, file {secret.File ?? "(none)"}): made or edited by hand",
                    Addresses.SwarmSecret(secret.Name));
            }
            else if (secret.Fingerprint is not { Length: 64 })
            {
                yield return Drift($"swarm secret '{secret.Name}' has no valid fingerprint label: made or edited by hand", Addresses.SwarmSecret(secret.Name));
            }
        }
    }

    private static string TargetFile(string targetName) => targetName[(targetName.LastIndexOf('/') + 1)..];

    private static Diagnostic Drift(string summary, string address) => Diagnostic.Warning(summary, address: address).WithCode(Code);
}
