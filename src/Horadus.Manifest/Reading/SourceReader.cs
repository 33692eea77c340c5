using Horadus.Core.Desired;

namespace Horadus.Manifest.Reading;

/// <summary><c>release.source</c>: exactly one of a plain directory (development only) or a SOPS file.</summary>
internal static class SourceReader
{
    public static ValuesSource Read(ObjectReader source, DeploymentEnvironment environment)
    {
        var context = source.Context;
        var hasDirectory = source.Has("directory");
        var hasSops = source.Has("sops");
        var ageKeyFile = source.Path("age_key_file");
        var ignoreUnmapped = source.String("unmapped_keys") == "ignore";
        if (!source.Exists)
        {
            // Missing or not a mapping: the schema has said so.
            return new SopsSource("", ageKeyFile, context.ValueLocation(source.Pointer));
        }

        if (hasDirectory && hasSops)
        {
            context.Error(source.PointerOf("sops"), "give exactly one of 'directory' or 'sops', not both", "a release's values come from one place", atKey: true);
        }
        else if (!hasDirectory && !hasSops)
        {
            context.Error(source.Pointer, "missing 'directory' or 'sops'", "say where the release's values come from: a SOPS file (production) or a plain directory (development)");
        }

        if (hasDirectory && environment == DeploymentEnvironment.Production)
        {
            context.Error(
                source.PointerOf("directory"),
                "a plain directory source is for development only",
                "this manifest is for production (the default environment); use 'sops', or set 'environment: development'",
                atKey: true);
        }

        if (hasDirectory && !hasSops)
        {
            return new DirectorySource(source.Path("directory") ?? "", context.ValueLocation(source.PointerOf("directory")));
        }

        return new SopsSource(source.Path("sops") ?? "", ageKeyFile, context.ValueLocation(source.PointerOf("sops")), ignoreUnmapped);
    }
}
