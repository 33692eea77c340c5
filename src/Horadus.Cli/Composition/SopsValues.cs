using System.Security.Cryptography;
using Horadus.Core.Diagnostics;
using Horadus.Manifest;
using Horadus.Sops;

namespace Horadus.Cli.Composition;

/// <summary>
/// Values from a SOPS file encrypted for age recipients: its top-level keys are the mapped file names.
/// A value is a string, or for a file such as api_keys a list written newline-separated. The plaintext
/// stays in memory, in arrays the caller zeroes once the release is written.
/// </summary>
internal static class SopsValues
{
    public const string Field = "release.source.sops";

    public static Dictionary<string, byte[]> Read(SopsSource source, IReadOnlyList<MappingEntry> mapping, string? ageKeyFile, Func<string, string?> environment, List<Diagnostic> problems)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var document = Decrypt(source.Path, ageKeyFile ?? source.AgeKeyFile, environment, source.Location, problems);
        if (document is null)
        {
            return values;
        }

        var mapped = mapping.Select(m => m.File).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in document.TopLevel)
        {
            if (!mapped.Contains(key))
            {
                problems.Add(Diagnostic.Error($"{source.Path} has a key the mapping does not name: '{key}'", "add it to mapping.files, or remove it from the SOPS file", source.Location, Field));
                continue;
            }

            switch (value.Kind)
            {
                case SopsValueKind.Scalar:
                    values[key] = value.Scalar!;
                    break;
                case SopsValueKind.List:
                    values[key] = JoinLines(value.Items);
                    foreach (var item in value.Items)
                    {
                        CryptographicOperations.ZeroMemory(item);
                    }

                    break;
                default:
                    problems.Add(Diagnostic.Error($"the value of '{key}' in {source.Path} is a mapping or a nested list", "a secret file holds a string, or a list of strings written one per line", source.Location, Field));
                    break;
            }
        }

        foreach (var entry in mapping.Where(m => !values.ContainsKey(m.File) && document.TopLevel.All(t => t.Key != m.File)))
        {
            problems.Add(Diagnostic.Error($"missing value for mapped file '{entry.File}': {source.Path} has no key '{entry.File}'", location: entry.Location, field: $"mapping.{entry.File}"));
        }

        return values;
    }

    /// <summary>Decrypts and verifies; every failure becomes one diagnostic with sops's reason, never a value.</summary>
    public static SopsDocument? Decrypt(string path, string? ageKeyFile, Func<string, string?> environment, SourceLocation? location, List<Diagnostic> problems, string? field = Field)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(Diagnostic.Error($"cannot read the SOPS file {path}: {e.Message}", location: location, field: field));
            return null;
        }

        SopsKeyRing keys;
        try
        {
            keys = SopsKeyDiscovery.Discover(ageKeyFile, environment);
        }
        catch (SopsException e)
        {
            problems.Add(Diagnostic.Error($"cannot load the age identities: {e.Message}", location: location, field: field));
            return null;
        }

        if (keys.Identities.Count == 0)
        {
            var looked = keys.Problems.Count > 0 ? string.Join("; ", keys.Problems) : "nothing found";
            problems.Add(Diagnostic.Error(
                $"no age identity to decrypt {path}",
                $"give one with --age-key-file, release.source.age_key_file, SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD or {SopsKeyDiscovery.UserKeysPath(environment)} ({looked})",
                location,
                field));
            return null;
        }

        try
        {
            return SopsDecryptor.Decrypt(bytes, SopsFormats.FromPath(path), keys);
        }
        catch (SopsException e)
        {
            problems.Add(Diagnostic.Error($"cannot decrypt {path}: {e.Message}", $"identities from: {string.Join(", ", keys.Sources)}", location, field));
            return null;
        }
    }

    /// <summary>A list value as written into its file: items one per line.</summary>
    public static byte[] JoinLines(IReadOnlyList<byte[]> items)
    {
        var joined = new byte[items.Sum(i => i.Length) + Math.Max(0, items.Count - 1)];
        var offset = 0;
        foreach (var (item, index) in items.Select((item, index) => (item, index)))
        {
            if (index > 0)
            {
                joined[offset++] = (byte)'\n';
            }

            item.CopyTo(joined, offset);
            offset += item.Length;
        }

        return joined;
    }
}
