namespace Horadus.Sops;

/// <summary>The file formats ("stores") that SOPS reads and writes.</summary>
public enum SopsFormat
{
    /// <summary>YAML documents (<c>.yaml</c>, <c>.yml</c>).</summary>
    Yaml,

    /// <summary>A JSON object (<c>.json</c>).</summary>
    Json,

    /// <summary>A dotenv file (<c>.env</c>): one <c>KEY=value</c> per line.</summary>
    Dotenv,

    /// <summary>An INI file (<c>.ini</c>) with sections.</summary>
    Ini,

    /// <summary>Any other file: SOPS wraps its bytes as the single value <c>data</c> of a JSON envelope.</summary>
    Binary,
}

/// <summary>Helpers around <see cref="SopsFormat"/>.</summary>
public static class SopsFormats
{
    /// <summary>
    /// Picks the format the way sops does: from the file extension only
    /// (<c>.yaml</c>/<c>.yml</c>, <c>.json</c>, <c>.env</c>, <c>.ini</c>), otherwise binary.
    /// </summary>
    /// <param name="path">A file path or name.</param>
    public static SopsFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        // sops compares the extension case-sensitively (strings.HasSuffix), so ".YAML" is binary.
        return extension switch
        {
            ".yaml" or ".yml" => SopsFormat.Yaml,
            ".json" => SopsFormat.Json,
            ".env" => SopsFormat.Dotenv,
            ".ini" => SopsFormat.Ini,
            _ => SopsFormat.Binary,
        };
    }
}
