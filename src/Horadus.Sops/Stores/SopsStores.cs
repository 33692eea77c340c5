using Horadus.Sops.Metadata;

namespace Horadus.Sops.Stores;

/// <summary>Loads an encrypted file of any format into its tree branches and its <c>sops</c> metadata mapping.</summary>
internal static class SopsStores
{
    private const string MetadataKey = "sops";
    private const string FlatPrefix = "sops_";

    public static (IReadOnlyList<SopsMapping> Branches, SopsMapping Metadata) LoadEncrypted(ReadOnlySpan<byte> bytes, SopsFormat format) => format switch
    {
        SopsFormat.Yaml => ExtractNested(YamlStoreReader.Load(bytes)),
        SopsFormat.Json or SopsFormat.Binary => ExtractNested([JsonStoreReader.Load(bytes)]),
        SopsFormat.Dotenv => ExtractFlat(DotenvStoreReader.Load(bytes)),
        SopsFormat.Ini => ExtractBelowTop(IniStoreReader.Load(bytes)),
        _ => throw new SopsException(SopsErrorKind.UnsupportedFormat, $"unsupported format {format}"),
    };

    /// <summary>YAML/JSON: a nested <c>sops</c> mapping in the first document, removed from every document.</summary>
    private static (IReadOnlyList<SopsMapping>, SopsMapping) ExtractNested(IReadOnlyList<SopsMapping> documents)
    {
        SopsMapping? metadata = null;
        var branches = new List<SopsMapping>();
        for (var index = 0; index < documents.Count; index++)
        {
            var kept = new List<SopsMappingItem>();
            foreach (var item in documents[index].Items)
            {
                if (item.Key != MetadataKey)
                {
                    kept.Add(item);
                    continue;
                }

                if (index == 0)
                {
                    if (metadata is not null)
                    {
                        throw SopsException.Malformed("Found duplicate sops entry");
                    }

                    metadata = item.Value as SopsMapping ?? throw SopsException.Malformed("Found sops entry that is not a mapping");
                }
            }

            branches.Add(new SopsMapping(kept));
        }

        return (branches, metadata ?? throw MetadataNotFound());
    }

    /// <summary>dotenv: metadata keys are flattened and prefixed with <c>sops_</c>.</summary>
    private static (IReadOnlyList<SopsMapping>, SopsMapping) ExtractFlat(SopsMapping branch)
    {
        var metadataItems = branch.Items.Where(IsFlatMetadata).Select(item => (item.Key![FlatPrefix.Length..], item.Value)).ToList();
        if (metadataItems.Count == 0)
        {
            throw MetadataNotFound();
        }

        var data = new SopsMapping(branch.Items.Where(item => !IsFlatMetadata(item)).ToList());
        return ([data], MetadataFlattening.Unflatten(metadataItems));
    }

    /// <summary>INI: a <c>[sops]</c> section whose keys are flattened and whose newlines are escaped.</summary>
    private static (IReadOnlyList<SopsMapping>, SopsMapping) ExtractBelowTop(SopsMapping branch)
    {
        var (branches, section) = ExtractNested([branch]);
        var unescaped = section.Entries.Select(entry => (entry.Key, entry.Value is SopsScalar { Type: SopsValueType.Str } scalar
            ? (SopsNode)SopsScalar.FromString(scalar.AsText().Replace("\\n", "\n", StringComparison.Ordinal))
            : entry.Value));
        return (branches, MetadataFlattening.Unflatten(unescaped));
    }

    private static bool IsFlatMetadata(SopsMappingItem item) => item.Key?.StartsWith(FlatPrefix, StringComparison.Ordinal) == true;

    private static SopsException MetadataNotFound() => new(SopsErrorKind.MetadataNotFound, "sops metadata not found");
}
