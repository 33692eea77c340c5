using System.Text.Json;
using System.Text.Json.Nodes;

namespace Horadus.Manifest.Reading;

/// <summary>
/// <c>mapping</c>: the runbook's ten files (unless <c>defaults: none</c>), then custom files in document order.
/// A custom entry for a default name replaces that default's variable in place. Two files may not share a variable.
/// </summary>
internal static class MappingReader
{
    public static IReadOnlyList<MappingEntry> Read(ObjectReader mapping)
    {
        var context = mapping.Context;
        var entries = new List<(MappingEntry Entry, string? Pointer)>();
        if (mapping.String("defaults") != "none")
        {
            var where = mapping.Has("defaults") ? context.ValueLocation(mapping.PointerOf("defaults")) : ManifestReader.LocationOf(mapping);
            entries.AddRange(RunbookMapping.Defaults.Select(d => (new MappingEntry(d.File, d.Variable, where), (string?)null)));
        }

        foreach (var (file, value) in mapping.Map("files") ?? [])
        {
            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            var pointer = Yaml.JsonPointerText.Append(mapping.PointerOf("files"), file);
            var entry = new MappingEntry(file, text.GetValue<string>(), context.ValueLocation(pointer));
            var replaced = entries.FindIndex(e => e.Entry.File == file);
            if (replaced >= 0)
            {
                entries[replaced] = (entry, pointer);
            }
            else
            {
                entries.Add((entry, pointer));
            }
        }

        ReportSharedVariables(context, entries);
        return entries.Select(e => e.Entry).ToArray();
    }

    private static void ReportSharedVariables(LoadContext context, List<(MappingEntry Entry, string? Pointer)> entries)
    {
        var owners = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        foreach (var (entry, pointer) in entries)
        {
            if (owners.TryAdd(entry.Variable, entry))
            {
                continue;
            }

            var first = owners[entry.Variable];
            var detail = $"'{first.File}' already maps to {entry.Variable}" + (first.Location.Line > 0 ? $" (line {first.Location.Line})" : "") + "; each variable points at one file";
            context.Error(pointer ?? "/mapping", $"two files map to the variable '{entry.Variable}'", detail);
        }
    }
}
