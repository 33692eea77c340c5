using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Core.Observed;

/// <summary>
/// What the secrets root on the host looks like right now: metadata only, no secret content.
/// Two snapshots of the same host state are equal, which is how a saved plan detects that the host moved.
/// </summary>
public sealed record ObservedSnapshot(
    string Root,
    bool RootExists,
    EntryAttributes? ReleasesDirectory,
    IReadOnlyList<ObservedRelease> Releases,
    CurrentLink? Current,
    IReadOnlyList<string> StagingLeftovers,
    IReadOnlyList<ForeignEntry> Foreign,
    IReadOnlyList<Diagnostic> Problems)
{
    /// <summary>The root's own owner and mode, when it exists: a service that reloads reads through it.</summary>
    public EntryAttributes? RootDirectory { get; init; }

    public ObservedRelease? Release(ReleaseStamp stamp) => Releases.FirstOrDefault(r => r.Stamp == stamp);

    public static ObservedSnapshot Empty(string root) => new(root, false, null, [], null, [], [], []);

    /// <summary>Every observable fact as "address: value" lines, stable in order, for comparing two snapshots.</summary>
    public IReadOnlyList<string> Facts()
    {
        // An absent root and an empty one plan alike (the apply's lock creates the root): neither is a fact.
        var facts = new List<string>();
        if (ReleasesDirectory is not null)
        {
            facts.Add($"releases: {ReleasesDirectory}");
        }

        foreach (var release in Releases.OrderBy(r => r.Stamp))
        {
            facts.Add($"release/{release.Stamp}: {release.Attributes}");
            foreach (var file in release.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var links = file.Links == 1 ? "" : $" {file.Links} links";
                facts.Add($"release/{release.Stamp}/file/{file.Name}: {file.Type} {file.Digest?.Short ?? "-"} {file.Size} B {file.Attributes}{links}");
            }
        }

        if (Current is not null)
        {
            facts.Add($"current: {Current.Type} -> {Current.Target ?? "-"}");
        }

        facts.AddRange(StagingLeftovers.Order(StringComparer.Ordinal).Select(s => $"staging/{s}: present"));
        facts.AddRange(Foreign.OrderBy(f => f.RelativePath, StringComparer.Ordinal).Select(f => $"foreign/{f.RelativePath}: {f.Type}"));
        return facts;
    }
}
