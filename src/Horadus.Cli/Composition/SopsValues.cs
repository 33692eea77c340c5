using Horadus.Core.Diagnostics;
using Horadus.Manifest;

namespace Horadus.Cli.Composition;

/// <summary>Values from a SOPS file encrypted for age recipients: its top-level keys are the mapped file names.</summary>
internal static class SopsValues
{
    public static Dictionary<string, byte[]> Read(SopsSource source, IReadOnlyList<MappingEntry> mapping, string? ageKeyFile, Func<string, string?> environment, List<Diagnostic> problems)
    {
        problems.Add(Diagnostic.Error("SOPS values are not readable by this build yet", location: source.Location, field: "release.source.sops"));
        return [];
    }
}
