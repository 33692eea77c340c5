using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;

namespace Horadus.Manifest.Reading;

/// <summary>
/// Builds the <see cref="ManifestDocument"/> from the converted document, applying defaults and checking what the
/// schema cannot express. It runs even when the schema found problems, so every problem is reported in one go;
/// the document it returns is only handed out when no error was found anywhere.
/// </summary>
internal static partial class ManifestReader
{
    public static ManifestDocument Read(LoadContext context, string documentPath)
    {
        var root = new ObjectReader(context, context.Root as JsonObject, "", ManifestKeys.Root);
        var environment = root.String("environment") == "development" ? DeploymentEnvironment.Development : DeploymentEnvironment.Production;
        var release = root.Child("release", ManifestKeys.Release);
        var source = SourceReader.Read(release.Child("source", ManifestKeys.Source), environment);
        return new ManifestDocument(
            documentPath,
            root.Integer("version") ?? 0,
            environment,
            root.Path("secrets_root") ?? "",
            ReadStamp(release),
            source,
            MappingReader.Read(root.Child("mapping", ManifestKeys.Mapping), source is DirectorySource),
            OwnershipReader.Read(root.Child("ownership", ManifestKeys.Ownership)),
            ReadModes(root.Child("modes", ManifestKeys.Modes), environment),
            ReadRetention(root.Child("retention", ManifestKeys.Retention)),
            ServiceReader.ReadAll(root));
    }

    private static ReleaseStamp ReadStamp(ObjectReader release)
    {
        var text = release.String("stamp");
        if (text is null)
        {
            return default;
        }

        if (ReleaseStamp.TryParse(text, out var stamp))
        {
            return stamp;
        }

        // The schema checks the shape; only a real calendar can say that 20260230 does not exist.
        if (StampShape().IsMatch(text))
        {
            release.Context.Error(release.PointerOf("stamp"), "the release stamp is not a real UTC date and time", $"found \"{text}\"; write yyyyMMddTHHmmssZ, such as 20260215T090000Z");
        }

        return default;
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z\\z", RegexOptions.CultureInvariant)]
    private static partial Regex StampShape();

    private static ModePolicy ReadModes(ObjectReader modes, DeploymentEnvironment environment)
    {
        var defaults = ModePolicy.RunbookDefaults;
        var policy = new ModePolicy(
            modes.Mode("releases_dir", defaults.ReleasesDirectory),
            modes.Mode("release_dir", defaults.ReleaseDirectory),
            modes.Mode("file", defaults.File));
        if (environment == DeploymentEnvironment.Production)
        {
            // The runbook: "Restrict secret directory access to operators only." Every user of the host is not an operator.
            foreach (var (key, mode) in new[] { ("releases_dir", policy.ReleasesDirectory), ("release_dir", policy.ReleaseDirectory), ("file", policy.File) })
            {
                if (mode.IsWorldAccessible)
                {
                    modes.Context.Error(modes.PointerOf(key), $"mode {mode} lets every user of the host reach the secrets", "production refuses permissions for 'other': use 0750 for directories and 0640 for files, or set 'environment: development'");
                }
            }
        }

        return policy;
    }

    private static RetentionPolicy ReadRetention(ObjectReader retention)
    {
        var defaults = RetentionPolicy.Default;
        var keep = retention.Integer("keep_previous") is { } count and >= 0 ? count : defaults.KeepPrevious;
        return new RetentionPolicy(keep, retention.Duration("stability_window", defaults.StabilityWindow));
    }

    /// <summary>The position of a whole object, for values (like default mapping entries) that have no text of their own.</summary>
    internal static SourceLocation LocationOf(ObjectReader reader) => reader.Context.ValueLocation(reader.Pointer);
}
