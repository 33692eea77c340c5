using Horadus.Sops.Stores;

namespace Horadus.Sops;

/// <summary>
/// Reads a plaintext file the way <c>sops --encrypt</c> does before encrypting it: same stores, same key order,
/// same scalar types, comments kept. The result goes to <see cref="SopsEncryptor.Encrypt(SopsMapping, SopsFormat, IReadOnlyList{Age.AgeRecipient}, TimeProvider, SopsEncryptionOptions?)"/>.
/// </summary>
public static class SopsPlainFile
{
    /// <summary>Parses plaintext YAML (first document), JSON or dotenv; other formats are refused.</summary>
    public static SopsMapping Load(ReadOnlySpan<byte> bytes, SopsFormat format) => format switch
    {
        SopsFormat.Yaml => YamlStoreReader.Load(bytes) is { Count: > 0 } documents
            ? documents[0]
            : throw new SopsException(SopsErrorKind.Malformed, "the YAML file holds no document"),
        SopsFormat.Json => JsonStoreReader.Load(bytes),
        SopsFormat.Dotenv => DotenvStoreReader.Load(bytes),
        _ => throw new SopsException(SopsErrorKind.UnsupportedFormat, $"encrypting from the {format} format is not supported; use YAML, JSON or dotenv"),
    };
}
