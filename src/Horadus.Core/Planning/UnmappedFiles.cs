using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Observed;

namespace Horadus.Core.Planning;

/// <summary>
/// Regular files in earlier releases that the manifest does not map: Horadus may not have written them, so their owner
/// and mode are left alone, and said so. (In the desired release they are a conflict, reported by the planner.)
/// </summary>
public static class UnmappedFiles
{
    public static IEnumerable<Diagnostic> Warnings(DesiredState desired, ObservedSnapshot observed) =>
        from release in observed.Releases.Where(r => r.Stamp != desired.Stamp).OrderBy(r => r.Stamp)
        from file in release.Files
        where file.Type == EntryType.File && desired.Files.All(d => d.Name != file.Name)
        select Diagnostic.Warning(
            $"releases/{release.Stamp}/{file.Name} is a file the manifest does not map",
            "Horadus leaves its owner and mode as they are; remove it by hand if it is not needed",
            Addresses.File(release.Stamp, file.Name)).WithCode(DiagnosticCodes.ForeignFile);
}
