namespace Horadus.Manifest;

/// <summary>Paths written in the manifest are relative to the manifest's own folder, wherever horadus runs from.</summary>
public static class ManifestPaths
{
    public static string Resolve(string baseDirectory, string path)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
        var root = System.IO.Path.GetPathRoot(full) ?? "";
        return full.Length > root.Length ? full.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) : full;
    }
}
