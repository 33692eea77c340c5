namespace Horadus.Manifest;

/// <summary>Secret file names end up as paths under the release directory; these checks keep them there.</summary>
public static class FileNames
{
    /// <summary>True for names that would point outside (or hide inside) the release directory: '/', '\', '..' or a leading '.'.</summary>
    public static bool LooksLikeTraversal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains('/', StringComparison.Ordinal)
            || name.Contains('\\', StringComparison.Ordinal)
            || name.Contains("..", StringComparison.Ordinal)
            || name.StartsWith('.');
    }
}
