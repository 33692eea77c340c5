using System.Collections.Concurrent;
using System.Text;
using Horadus.Sops;
using Xunit;

namespace Horadus.Tests.Shared;

/// <summary>
/// Fails the test when a known secret value, or its base64 or hex form, appears in what one in-process run of horadus
/// printed (stdout, stderr) or wrote under its working directory (saved plans, <c>.horadus/history.jsonl</c>, the lock,
/// an encrypted file: every file created or changed by the run), except the releases themselves, which hold the values
/// by design, and the <c>values/</c> folder, which is the plaintext input.
/// <para>
/// No test opts in: the known values are read from the working directory's conventions before each run (every file of
/// its <c>values/</c> folder, as Sandbox and RotationHost write them), from the plaintext given to <c>secrets encrypt</c>,
/// and from the repository's example SOPS file (decrypted once with its public test key). They accumulate per working
/// directory, so a value rotated away is still looked for in later runs. Values shorter than
/// <see cref="MinimumLength"/> bytes are skipped (a short or common string would match by chance); a value is looked
/// for by its first <see cref="NeedleLength"/> bytes (a leak of a long value shows its start). The message names the
/// value's origin and size, never the value.
/// </para>
/// </summary>
internal static class LeakScanner
{
    public const int MinimumLength = 8;
    public const int NeedleLength = 3072;

    /// <summary>The largest value file read as a known value (the limit for one value), and the largest written file scanned.</summary>
    private const long LargestValue = (1024 * 1024) + 1;
    private const long LargestScanned = 16 * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> Known = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyList<(string Origin, byte[] Value)>> ExampleValues = new(DecryptExample);

    /// <summary>What the working directory held before a run: its files with size and modification time.</summary>
    internal sealed record Watch(string Directory, IReadOnlyDictionary<string, (long Length, DateTime Written)> Files);

    /// <summary>Learns the values the run may handle and records the files present, before the run.</summary>
    public static Watch Before(string workingDirectory, IReadOnlyList<string> args)
    {
        var known = Known.GetOrAdd(workingDirectory, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        foreach (var (origin, value) in ValuesFolder(workingDirectory).Concat(EncryptInput(workingDirectory, args)))
        {
            known[origin + "#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(value))[..12]] = value;
        }

        return new Watch(workingDirectory, FilesWritable(workingDirectory));
    }

    /// <summary>The shared assertion: no known value in the output or in any file the run created or changed.</summary>
    public static void AssertNoLeak(Watch before, string output, string error)
    {
        var needles = Needles(Known.TryGetValue(before.Directory, out var known)
            ? known.Select(k => (Origin: k.Key[..k.Key.LastIndexOf('#')], k.Value)).Concat(ExampleValues.Value)
            : ExampleValues.Value);
        if (needles.Count == 0)
        {
            return;
        }

        Scan("stdout", Encoding.UTF8.GetBytes(output), needles);
        Scan("stderr", Encoding.UTF8.GetBytes(error), needles);
        foreach (var (path, (length, written)) in FilesWritable(before.Directory))
        {
            if (length is 0 or > LargestScanned || (before.Files.TryGetValue(path, out var was) && was == (length, written)))
            {
                continue;
            }

            byte[] content;
            try
            {
                content = File.ReadAllBytes(Path.Combine(before.Directory, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            Scan(path, content, needles);
        }
    }

    private static void Scan(string where, ReadOnlySpan<byte> haystack, IReadOnlyList<(string Origin, string Form, byte[] Bytes)> needles)
    {
        foreach (var (origin, form, bytes) in needles)
        {
            if (haystack.IndexOf(bytes) >= 0)
            {
                Assert.Fail($"leak: a known secret value ({origin}) appears {form} in {where} written by horadus");
            }
        }
    }

    /// <summary>Each value (whole, without its final newline, and line by line) as it is, in base64 and in hex.</summary>
    private static List<(string Origin, string Form, byte[] Bytes)> Needles(IEnumerable<(string Origin, byte[] Value)> values)
    {
        var needles = new List<(string, string, byte[])>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (origin, value) in values)
        {
            var candidates = new List<byte[]> { value, value.AsSpan().TrimEnd((byte)'\n').ToArray() };
            foreach (var line in value.AsSpan().Split((byte)'\n'))
            {
                candidates.Add(value[line]);
            }

            foreach (var candidate in candidates.Where(c => c.Length >= MinimumLength))
            {
                var needle = candidate.Length > NeedleLength ? candidate[..NeedleLength] : candidate;
                if (!seen.Add(Convert.ToBase64String(needle)))
                {
                    continue;
                }

                var shown = $"{origin}, {candidate.Length} B";
                needles.Add((shown, "as is", needle));
                needles.Add((shown, "in base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(needle))));
                needles.Add((shown, "in hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(needle))));
                needles.Add((shown, "in HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(needle))));
            }
        }

        return needles;
    }

    /// <summary>Every regular file of <c>values/</c> (the plaintext of a directory source), up to the limit of one value.</summary>
    private static IEnumerable<(string Origin, byte[] Value)> ValuesFolder(string workingDirectory)
    {
        var folder = new DirectoryInfo(Path.Combine(workingDirectory, "values"));
        if (folder.LinkTarget is not null || !folder.Exists)
        {
            yield break;
        }

        foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            if (ReadRegular(file, LargestValue) is { } value)
            {
                yield return ("values/" + file.Name, value);
            }
        }
    }

    /// <summary>The plaintext values of <c>secrets encrypt INPUT</c>, read before the run (<c>--in-place</c> replaces them).</summary>
    private static IEnumerable<(string Origin, byte[] Value)> EncryptInput(string workingDirectory, IReadOnlyList<string> args)
    {
        if (args.Count < 3 || args[0] != "secrets" || args[1] != "encrypt" || args.Skip(2).FirstOrDefault(a => !a.StartsWith('-')) is not { } input)
        {
            return [];
        }

        var path = Path.Combine(workingDirectory, input);
        if (ReadRegular(new FileInfo(path), LargestScanned) is not { } bytes)
        {
            return [];
        }

        try
        {
            return Scalars(SopsPlainFile.Load(bytes, SopsFormats.FromPath(path)), "secrets encrypt " + Path.GetFileName(path)).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Input the encryptor refuses holds nothing it could leak.
            return [];
        }
    }

    /// <summary>The plaintext of examples/sops/secrets.enc.yaml, decrypted once with the public test key beside it.</summary>
    private static IReadOnlyList<(string Origin, byte[] Value)> DecryptExample()
    {
        if (FixtureLocator.RepositoryRoot() is not { } repository)
        {
            return [];
        }

        var file = Path.Combine(repository, "examples", "sops", "secrets.enc.yaml");
        try
        {
            var keys = SopsKeyDiscovery.FromKeyFile(Path.Combine(repository, "examples", "sops", "age-key.txt"));
            var document = SopsDecryptor.Decrypt(File.ReadAllBytes(file), SopsFormats.FromPath(file), keys);
            return Scalars(document.Root, "examples/sops/secrets.enc.yaml").ToList();
        }
        catch (Exception e) when (e is IOException or SopsException)
        {
            // The SOPS tests say what is wrong with the example; the other values are still looked for.
            return [];
        }
    }

    /// <summary>Every scalar of a SOPS tree but those sops leaves in clear (keys ending in <c>_unencrypted</c>).</summary>
    private static IEnumerable<(string Origin, byte[] Value)> Scalars(SopsNode node, string origin, string key = "")
    {
        switch (node)
        {
            case SopsScalar scalar when !key.EndsWith("_unencrypted", StringComparison.Ordinal):
                yield return ($"{origin}: {key}", scalar.CanonicalBytes);
                break;
            case SopsMapping mapping:
                foreach (var (name, value) in mapping.Entries)
                {
                    foreach (var found in Scalars(value, origin, key.Length == 0 ? name : $"{key}/{name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case SopsSequence sequence:
                foreach (var found in sequence.Items.SelectMany(item => Scalars(item, origin, key)))
                {
                    yield return found;
                }

                break;
        }
    }

    /// <summary>
    /// The files under the working directory horadus may write, without following links: not the releases (they hold the
    /// values by design, staging included) and not <c>values/</c> (the plaintext input).
    /// </summary>
    private static Dictionary<string, (long Length, DateTime Written)> FilesWritable(string workingDirectory)
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(workingDirectory)]);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        while (pending.TryPop(out var folder))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = folder.EnumerateFileSystemInfos("*", options).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries.Where(e => e.LinkTarget is null))
            {
                var relative = Path.GetRelativePath(workingDirectory, entry.FullName);
                if (entry is DirectoryInfo directory)
                {
                    if (entry.Name != "releases" && relative != "values")
                    {
                        pending.Push(directory);
                    }
                }
                else if (entry is FileInfo file)
                {
                    files[relative] = (file.Length, file.LastWriteTimeUtc);
                }
            }
        }

        return files;
    }

    /// <summary>The content of a regular file of at most <paramref name="limit"/> bytes; null for anything else (a FIFO is never opened).</summary>
    private static byte[]? ReadRegular(FileInfo file, long limit)
    {
        try
        {
            // A FIFO or a device has no size: only a file with content is read.
            return file.LinkTarget is null && file.Exists && file.Length > 0 && file.Length <= limit ? File.ReadAllBytes(file.FullName) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
