using System.Text.Json;
using System.Text.Json.Nodes;

namespace Horadus.Manifest.Reading;

/// <summary>
/// <c>mapping</c>: the runbook's ten files (unless <c>defaults: none</c>), then custom files in document order.
/// A custom entry for a default name replaces that default's variable in place. Two files may not share a variable.
/// </summary>
internal static class MappingReader
{
    /// <param name="directorySource">With a directory source a <c>key</c> names a file of the directory, so it must be a plain file name.</param>
    public static IReadOnlyList<MappingEntry> Read(ObjectReader mapping, bool directorySource)
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
            var pointer = Yaml.JsonPointerText.Append(mapping.PointerOf("files"), file);
            if (Target(context, value, pointer, directorySource) is not var (variable, key))
            {
                continue;
            }

            var entry = new MappingEntry(file, variable, context.ValueLocation(pointer), key);
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

    /// <summary>The variable and key of <c>name: VARIABLE_FILE</c> or <c>name: { variable, key }</c>; null when the schema refused the value.</summary>
    private static (string Variable, string? Key)? Target(LoadContext context, JsonNode? value, string pointer, bool directorySource)
    {
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            return (text.GetValue<string>(), null);
        }

        if (value is not JsonObject)
        {
            return null;
        }

        var target = new ObjectReader(context, value as JsonObject, pointer, ManifestKeys.MappingFile);
        var key = target.String("key");
        if (target.String("variable") is not { } variable || (key is not null && ControlCharacters.In(key)))
        {
            return null;
        }

        if (key is not null && directorySource && FileNames.LooksLikeTraversal(key))
        {
            context.Error(target.PointerOf("key"), $"key '{key}' would leave the values directory", "with a directory source, 'key' names a file of that directory: no '/', no '..', no leading '.'");
            return null;
        }

        return (variable, key);
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
