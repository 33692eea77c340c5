using Horadus.Sops.Formatting;

namespace Horadus.Sops;

/// <summary>A decrypted SOPS file whose MAC has been verified.</summary>
public sealed class SopsDocument
{
    internal SopsDocument(
        SopsFormat format,
        IReadOnlyList<SopsMapping> documents,
        string mac,
        DateTimeOffset lastModified,
        string? sopsVersion,
        byte[] dataKey,
        IReadOnlyList<DecryptedLeaf> decryptedLeaves)
    {
        Format = format;
        Documents = documents;
        Mac = mac;
        LastModified = lastModified;
        SopsVersion = sopsVersion;
        DataKey = dataKey;
        DecryptedLeaves = decryptedLeaves;
    }

    /// <summary>The store the file was read with.</summary>
    public SopsFormat Format { get; }

    /// <summary>The decrypted tree, one mapping per YAML document (one for the other formats), without the <c>sops</c> metadata.</summary>
    public IReadOnlyList<SopsMapping> Documents { get; }

    /// <summary>The first (usually only) document.</summary>
    public SopsMapping Root => Documents.Count > 0 ? Documents[0] : new SopsMapping([]);

    /// <summary>The verified MAC: SHA-512 over the values, uppercase hex.</summary>
    public string Mac { get; }

    /// <summary>The <c>lastmodified</c> time of the metadata.</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>The <c>version</c> of sops that wrote the file, if recorded.</summary>
    public string? SopsVersion { get; }

    /// <summary>
    /// The top-level keys of <see cref="Root"/> with their values rendered the way sops writes them into the
    /// decrypted file of this format. For the binary format this is the single key <c>data</c>.
    /// </summary>
    public IReadOnlyList<(string Key, SopsValue Value)> TopLevel =>
        Root.Entries.Select(entry => (entry.Key, ToValue(entry.Value))).ToList();

    /// <summary>
    /// The value at a path of keys from <see cref="Root"/> (for example <c>["app", "db", "password"]</c>), rendered as
    /// <see cref="TopLevel"/> renders it; null when a key on the way is missing or a step is not a mapping. Only the
    /// selected value is rendered, so a caller that needs a few values of a large file copies no other plaintext.
    /// </summary>
    public SopsValue? Select(IReadOnlyList<string> path) =>
        path.Count > 0 && NodeAt(path) is { } node ? ToValue(node) : null;

    /// <summary>The tree node at a path of keys from <see cref="Root"/> (the root itself for an empty path), or null as for <see cref="Select"/>.</summary>
    public SopsNode? NodeAt(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SopsNode? node = Root;
        foreach (var key in path)
        {
            node = node is SopsMapping mapping ? mapping[key] : null;
        }

        return node;
    }

    /// <summary>The 32-byte data key (for conformance tests only).</summary>
    internal byte[] DataKey { get; }

    /// <summary>Every decrypted ENC value and comment in tree order, with its AAD (for conformance tests only).</summary>
    internal IReadOnlyList<DecryptedLeaf> DecryptedLeaves { get; }

    /// <summary>Shows format and MAC only.</summary>
    public override string ToString() => $"SopsDocument({Format}, {Root.Items.Count} top-level items)";

    private SopsValue ToValue(SopsNode node)
    {
        switch (node)
        {
            case SopsScalar scalar:
                return new SopsValue(SopsValueKind.Scalar, SopsScalarText.Emit(scalar, Format), scalar.Type, []);
            case SopsSequence sequence when sequence.Items.All(item => item is SopsScalar or SopsComment):
                var items = sequence.Items.OfType<SopsScalar>().Select(item => SopsScalarText.Emit(item, Format)).ToList();
                return new SopsValue(SopsValueKind.List, null, SopsValueType.Null, items);
            default:
                return new SopsValue(SopsValueKind.Complex, null, SopsValueType.Null, []);
        }
    }
}

/// <summary>One decrypted ENC value or comment: its AAD, its ENC type and its plaintext bytes.</summary>
internal sealed record DecryptedLeaf(string Aad, string Type, byte[] Plaintext);
