using Horadus.Core.Diagnostics;
using Horadus.Manifest;
using Horadus.Shared;

namespace Horadus.Cli.Composition;

/// <summary>
/// Values from a plain directory, one file per mapped name or key (development only). Each must be a regular file of at
/// most <see cref="InputLimits.Value"/> bytes: a FIFO, a device or a huge file is refused by name, never read whole.
/// </summary>
internal static class DirectoryValues
{
    public static Dictionary<string, byte[]> Read(DirectorySource source, IReadOnlyList<MappingEntry> mapping, List<Diagnostic> problems)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(source.Path))
        {
            problems.Add(Diagnostic.Error($"the values directory {source.Path} does not exist", location: source.Location, field: "release.source.directory"));
            return values;
        }

        foreach (var entry in mapping)
        {
            var path = Path.Combine(source.Path, entry.KeyText);
            if (InputFile.TryRead(path, InputLimits.Value, out var bytes, out var problem))
            {
                values[entry.File] = bytes;
            }
            else if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                problems.Add(Diagnostic.Error($"missing value for mapped file '{entry.File}': {path} does not exist", location: entry.Location, field: $"mapping.{entry.File}"));
            }
            else
            {
                problems.Add(Diagnostic.Error($"cannot read the value of '{entry.File}' from {path}: {problem}", location: entry.Location, field: $"mapping.{entry.File}"));
            }
        }

        var mapped = mapping.Select(m => m.KeyText).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in Directory.EnumerateFiles(source.Path).Select(Path.GetFileName).Where(n => n is not null && !mapped.Contains(n)))
        {
            problems.Add(new Diagnostic(Severity.Warning, $"{Path.Combine(source.Path, extra!)} is not mapped to any variable and is ignored", Location: source.Location, Field: "release.source.directory"));
        }

        return values;
    }
}
