using System.Security.Cryptography;
using Horadus.Core.Diagnostics;
using Horadus.Manifest;
using Horadus.Shared;
using Horadus.Sops;

namespace Horadus.Cli.Composition;

/// <summary>
/// Values from a SOPS file encrypted for age recipients: each mapped file takes the value of the key named like it, or
/// of the key or nested path its <see cref="MappingEntry.Key"/> names. A value is a string, or for a file such as api_keys
/// a list written newline-separated. Keys no entry selects are refused unless the source ignores them. The plaintext
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

        if (!source.IgnoreUnmappedKeys)
        {
            foreach (var key in Unmapped(document.Root, [], mapping.Select(m => m.KeyPath).ToList()))
            {
                problems.Add(Diagnostic.Error(
                    $"{source.Path} has a key the mapping does not name: '{key}'",
                    "add it to mapping.files, remove it from the SOPS file, or set release.source.unmapped_keys: ignore when other tools use it",
                    source.Location,
                    Field));
            }
        }

        foreach (var entry in mapping)
        {
            if (Read(document, entry, source.Path, problems) is { } bytes)
            {
                values[entry.File] = bytes;
            }
        }

        return values;
    }

    /// <summary>The bytes of one entry's value, or null with a diagnostic that names the file and the key.</summary>
    private static byte[]? Read(SopsDocument document, MappingEntry entry, string path, List<Diagnostic> problems)
    {
        var field = $"mapping.{entry.File}";
        var node = document.NodeAt(entry.KeyPath);
        if (node is null)
        {
            problems.Add(Diagnostic.Error($"missing value for mapped file '{entry.File}': {path} has no key '{entry.KeyText}'", location: entry.Location, field: field));
            return null;
        }

        // sops renders a null as the text "null": checked on the tree, before anything is rendered.
        var nullProblem = node switch
        {
            SopsScalar { Type: SopsValueType.Null } => ($"the value of '{entry.File}' is null: key '{entry.KeyText}' in {path} holds no string", "an empty secret would start the services with no credential; give the key a value"),
            SopsSequence list when list.Items.Any(item => item is SopsScalar { Type: SopsValueType.Null }) =>
                ($"the value of '{entry.File}' has a null item: key '{entry.KeyText}' in {path}", "each item of a list is one line of the file; remove the empty item or give it a value"),
            _ => ((string Summary, string Detail)?)null,
        };
        if (nullProblem is var (summary, detail))
        {
            problems.Add(Diagnostic.Error(summary, detail, entry.Location, field));
            return null;
        }

        var value = document.Select(entry.KeyPath)!;
        switch (value.Kind)
        {
            case SopsValueKind.Scalar:
                return value.Scalar!;
            case SopsValueKind.List:
                var joined = JoinLines(value.Items);
                foreach (var item in value.Items)
                {
                    CryptographicOperations.ZeroMemory(item);
                }

                return joined;
            default:
                var hint = node is SopsMapping nested
                    ? $"a secret file holds a string, or a list of strings written one per line; select one of its values with key: {entry.KeyText}/<name> (it has: {string.Join(", ", nested.Entries.Select(e => e.Key))})"
                    : "a secret file holds a string, or a list of strings written one per line";
                var shape = node is SopsMapping ? "a mapping" : "a list holding lists or mappings";
                problems.Add(Diagnostic.Error($"the value of '{entry.File}' is {shape}: key '{entry.KeyText}' in {path}", hint, entry.Location, field));
                return null;
        }
    }

    /// <summary>
    /// Keys no entry selects, as '/'-joined paths: a key is used when an entry selects it, and looked into when it is a
    /// mapping on the way to a selected key (its other keys are then unmapped too).
    /// </summary>
    private static IEnumerable<string> Unmapped(SopsMapping mapping, IReadOnlyList<string> prefix, IReadOnlyList<IReadOnlyList<string>> selected)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            IReadOnlyList<string> path = [.. prefix, key];
            if (selected.Any(s => s.SequenceEqual(path, StringComparer.Ordinal)))
            {
                continue;
            }

            if (value is SopsMapping nested && selected.Any(s => s.Count > path.Count && s.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal)))
            {
                foreach (var inner in Unmapped(nested, path, selected))
                {
                    yield return inner;
                }

                continue;
            }

            yield return string.Join('/', path);
        }
    }

    /// <summary>Decrypts and verifies; every failure becomes one diagnostic with sops's reason, never a value.</summary>
    public static SopsDocument? Decrypt(string path, string? ageKeyFile, Func<string, string?> environment, SourceLocation? location, List<Diagnostic> problems, string? field = Field)
    {
        if (!InputFile.TryRead(path, InputLimits.SopsFile, out var bytes, out var problem))
        {
            problems.Add(Diagnostic.Error($"cannot read the SOPS file {path}: {problem}", location: location, field: field));
            return null;
        }

        SopsKeyRing keys;
        try
        {
            // A key file given by the operator (flag or manifest) is the key: the environment is not consulted, as the help says.
            keys = ageKeyFile is not null ? SopsKeyDiscovery.FromKeyFile(ageKeyFile) : SopsKeyDiscovery.Discover(null, environment);
        }
        catch (SopsException e)
        {
            problems.Add(Diagnostic.Error($"cannot load the age identities: {e.Message}", location: location, field: field));
            return null;
        }

        if (keys.Identities.Count == 0 && ageKeyFile is not null)
        {
            // The operator chose this file and nothing else is consulted: name it, not the sources that were not read.
            problems.Add(Diagnostic.Error(
                $"no age identity in the key file {ageKeyFile} to decrypt {path}",
                "it holds no age identity line (one that starts with AGE-SECRET-KEY-); give the age identity the SOPS file was encrypted for",
                location,
                field));
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
