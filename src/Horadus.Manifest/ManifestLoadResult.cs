using Horadus.Core.Diagnostics;

namespace Horadus.Manifest;

/// <summary>
/// The outcome of loading a manifest: the document when there was no error, and every diagnostic found,
/// sorted by position in the file.
/// </summary>
public sealed record ManifestLoadResult(ManifestDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Document is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
