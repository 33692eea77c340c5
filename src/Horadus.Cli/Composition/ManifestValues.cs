using Horadus.Core.Diagnostics;
using Horadus.Core.Ports;
using Horadus.Manifest;

namespace Horadus.Cli.Composition;

/// <summary>The values source the manifest names (a SOPS file with its age key, or a plain directory), as the use case's port.</summary>
internal sealed class ManifestValues(ManifestDocument manifest, string? ageKeyFile, Func<string, string?> environment) : IValuesSource
{
    public IReadOnlyDictionary<string, byte[]> Read(List<Diagnostic> problems) => manifest.Source switch
    {
        DirectorySource directory => DirectoryValues.Read(directory, manifest.Mapping, problems),
        SopsSource sops => SopsValues.Read(sops, manifest.Mapping, ageKeyFile, environment, problems),
        _ => throw new InvalidOperationException("unknown values source"),
    };
}
