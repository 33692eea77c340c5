using Horadus.Core.Desired;

namespace Horadus.Manifest;

/// <summary>A loaded manifest as the desired-state use case reads it: the declaration, without its values.</summary>
public static class ManifestSpecs
{
    public static DesiredSpec ToSpec(this ManifestDocument manifest) => new(
        manifest.SecretsRoot,
        manifest.Environment,
        manifest.Stamp,
        manifest.Mapping.Select(m => new MappedFile(m.File, m.Variable, m.Location)).ToList(),
        Owner(manifest.Ownership.Uid),
        Owner(manifest.Ownership.Gid),
        manifest.Modes,
        manifest.Retention,
        manifest.Services);

    private static OwnerSpec? Owner(IdSpec? id) => id switch
    {
        null => null,
        NumericId numeric => new NumericOwner(numeric.Value),
        ImageUserId image => new ImageUserOwner(image.Image, image.User),
        _ => throw new InvalidOperationException("unknown id form"),
    };
}
