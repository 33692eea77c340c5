using System.Text.Json;
using System.Text.Json.Nodes;

namespace Horadus.Manifest.Reading;

/// <summary><c>ownership</c>: each of uid and gid is a number, an image's user, or absent (the user running horadus).</summary>
internal static class OwnershipReader
{
    public static OwnershipSpec Read(ObjectReader ownership) =>
        new(ReadId(ownership, "uid", ManifestKeys.Uid), ReadId(ownership, "gid", ManifestKeys.Gid));

    private static IdSpec? ReadId(ObjectReader ownership, string key, string shape)
    {
        var image = ownership.Child(key, shape);
        if (image.Exists)
        {
            return image.String("image") is { } name && image.String("user") is { } user ? new ImageUserId(name, user) : null;
        }

        return ownership.Integer(key) is { } number and >= 0 ? new NumericId(number) : null;
    }
}
