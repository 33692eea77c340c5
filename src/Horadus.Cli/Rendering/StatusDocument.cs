using Horadus.Core.Diagnostics;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Manifest;

namespace Horadus.Cli.Rendering;

public sealed record ReleaseStatus(string Stamp, bool Live, bool Desired, string Standing, DateTimeOffset? LiveSince, string Attributes, int Files, string? FailureReason);

/// <param name="SetAside">
/// An old container a replacement stopped and renamed aside, left by an apply that did not finish: not one of the
/// service's containers; the status's problems say what to do with it.
/// </param>
public sealed record ContainerStatus(string Name, string Id, string State, string Health, int RestartCount, string? Release, IReadOnlyList<string> RawSecretVariables, bool SetAside = false);

/// <param name="Layout">How the service reads its secrets: recreated with current bound, reloaded through the root, or swarm secrets.</param>
public sealed record ServiceStatus(string Name, string? Error, IReadOnlyList<ContainerStatus> Containers, string? Layout = null);

/// <summary>The host as <c>status</c> shows it (schemas/horadus.status.schema.json).</summary>
public sealed record StatusDocument(
    string Format,
    int FormatVersion,
    string SecretsRoot,
    bool RootExists,
    string? Current,
    string DesiredRelease,
    IReadOnlyList<ReleaseStatus> Releases,
    IReadOnlyList<string> StagingLeftovers,
    IReadOnlyList<string> Foreign,
    IReadOnlyList<ServiceStatus> Services,
    IReadOnlyList<Diagnostic> Problems,
    Watching.WatchStatus? Daemon = null,
    Core.Watching.Suspension? Suspended = null)
{
    public static StatusDocument From(ObservedSnapshot observed, ReleaseLedger ledger, ManifestDocument manifest, IReadOnlyList<ServiceStatus> services) => new(
        "horadus.status",
        1,
        observed.Root,
        observed.RootExists,
        observed.Current?.Release?.ToString() ?? observed.Current?.Target,
        manifest.Stamp.ToString(),
        observed.Releases.OrderByDescending(r => r.Stamp).Select(r =>
        {
            var standing = ledger.Standing(r.Stamp);
            var word = standing switch
            {
                null => "unmanaged",
                { Failed: true } => "failed",
                { Good: true } => "good",
                _ => "unproven",
            };
            return new ReleaseStatus(r.Stamp.ToString(), observed.Current?.Release == r.Stamp, manifest.Stamp == r.Stamp, word, standing?.LiveSince, r.Attributes.ToString(), r.Files.Count, standing?.FailureReason);
        }).ToList(),
        observed.StagingLeftovers,
        observed.Foreign.Select(f => f.RelativePath).ToList(),
        services,
        observed.Problems);
}
