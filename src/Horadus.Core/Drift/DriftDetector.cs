using Horadus.Core.Diagnostics;
using Horadus.Core.Observed;
using Horadus.Core.Planning;

namespace Horadus.Core.Drift;

/// <summary>
/// Drift is what the plan would change, read as differences, plus what the plan reports without changing (a raw secret
/// in a container's environment, a file Horadus did not write, other content in the desired release). Pure: the plan
/// and the snapshot in, the report out; retention due is housekeeping and not reported.
/// </summary>
public static class DriftDetector
{
    public static DriftReport Detect(Plan plan, ObservedSnapshot observed)
    {
        var items = new List<DriftItem>();
        foreach (var change in plan.Changes)
        {
            if (KindOf(change.Operation) is { } kind)
            {
                items.Add(new DriftItem(kind, change.Address, change.Reason));
            }
        }

        foreach (var diagnostic in plan.Diagnostics.Where(d => d.Code is not null))
        {
            var kind = diagnostic.Code switch
            {
                DiagnosticCodes.RawSecret => DriftKind.RawSecret,
                DiagnosticCodes.ForeignFile => DriftKind.Foreign,
                DiagnosticCodes.ContentDrift => DriftKind.Content,
                Swarm.SwarmDrift.Code when diagnostic.Address?.StartsWith(Addresses.SwarmSecret(string.Empty), StringComparison.Ordinal) == true => DriftKind.SwarmSecret,
                Swarm.SwarmDrift.Code => DriftKind.SwarmService,
                _ => (DriftKind?)null,
            };
            if (kind is { } found)
            {
                items.Add(new DriftItem(found, diagnostic.Address ?? Addresses.Root, diagnostic.Summary));
            }
        }

        items.AddRange(observed.Foreign.OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .Select(f => new DriftItem(DriftKind.Foreign, f.RelativePath, $"a {f.Type.ToString().ToLowerInvariant()} Horadus did not create")));

        // Other content in the desired release is drift to report, not a reason the check could not run.
        var errors = plan.Diagnostics.Where(d => d.IsError && d.Code != DiagnosticCodes.ContentDrift).ToList();
        return new DriftReport(plan.SecretsRoot, plan.Stamp, plan.Target, items, errors, observed.Current?.Release);
    }

    private static DriftKind? KindOf(Operation operation) => operation switch
    {
        CreateRelease => DriftKind.ReleaseMissing,
        SetAttributes => DriftKind.Attributes,
        SwitchCurrent => DriftKind.Current,
        RecreateService or ReloadService => DriftKind.StaleContainers,
        VerifyService or ConfirmRelease => DriftKind.Unproven,
        RestoreSetAside or RemoveSetAside => DriftKind.SetAside,
        DeleteStaging => DriftKind.StagingLeftover,
        CreateSwarmSecret => DriftKind.ReleaseMissing,
        UpdateSwarmService => DriftKind.SwarmService,
        _ => null,
    };
}
