using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Horadus.Integration.Tests.Support;

/// <summary>
/// Every entry under a folder (not the folder itself: snapshot its parent to include it), recursively and without
/// following symlinks: type, mode, owner, link target, and for
/// regular files size and SHA-256 (so no secret value is ever held or printed). Two snapshots are equal when the tree
/// did not change; <see cref="DifferencesFrom"/> says what did, one line per entry. Metadata comes from find(1), a
/// channel independent of the code under test; special files (FIFOs, devices) are recorded, never opened.
/// </summary>
internal sealed class TreeSnapshot : IEquatable<TreeSnapshot>
{
    private TreeSnapshot(string root, IReadOnlyList<TreeEntry> entries, IReadOnlyList<string> unreadable)
    {
        Root = root;
        Entries = entries;
        Unreadable = unreadable;
    }

    public string Root { get; }

    /// <summary>In ordinal path order; empty when the root does not exist.</summary>
    public IReadOnlyList<TreeEntry> Entries { get; }

    /// <summary>What find could not descend into or read (as its messages say), part of the equality.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public static TreeSnapshot Take(string root)
    {
        if (!Path.Exists(root) && new FileInfo(root).LinkTarget is null)
        {
            return new TreeSnapshot(root, [], []);
        }

        var start = new ProcessStartInfo("find", ["-P", root, "-mindepth", "1", "-printf", @"%P\0%y\0%m\0%U\0%G\0%s\0%l\0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var find = Process.Start(start)!;
        var errors = find.StandardError.ReadToEndAsync();
        var fields = find.StandardOutput.ReadToEnd().Split('\0');
        find.WaitForExit();
        var unreadable = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace(root, ".", StringComparison.Ordinal)).ToArray();

        var entries = new List<TreeEntry>();
        for (var i = 0; i + 7 <= fields.Length; i += 7)
        {
            var (path, type) = (fields[i], fields[i + 1][0]);
            var isFile = type == 'f';
            entries.Add(new TreeEntry(
                path,
                type,
                fields[i + 2],
                int.Parse(fields[i + 3], CultureInfo.InvariantCulture),
                int.Parse(fields[i + 4], CultureInfo.InvariantCulture),
                isFile ? long.Parse(fields[i + 5], CultureInfo.InvariantCulture) : null,
                isFile ? DigestOf(Path.Combine(root, path)) : null,
                type == 'l' ? fields[i + 6] : null));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new TreeSnapshot(root, entries, unreadable);
    }

    /// <summary>This snapshot without the entry <paramref name="name"/> (a path relative to the root) and what lies under it.</summary>
    public TreeSnapshot Without(string name) =>
        new(Root, Entries.Where(e => e.Path != name && !e.Path.StartsWith(name + "/", StringComparison.Ordinal)).ToList(), Unreadable);

    /// <summary>Fails the test with a readable diff when <paramref name="after"/> differs from <paramref name="before"/>.</summary>
    public static void AssertUnchanged(TreeSnapshot before, TreeSnapshot after)
    {
        var differences = after.DifferencesFrom(before);
        Assert.True(differences.Count == 0, $"the tree under {before.Root} changed:\n" + string.Join('\n', differences));
    }

    /// <summary>One line per entry that was added (+), removed (-) or changed (~ before => after), in path order.</summary>
    public IReadOnlyList<string> DifferencesFrom(TreeSnapshot before)
    {
        var old = before.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var now = Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var path in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var (was, @is) = (old.GetValueOrDefault(path), now.GetValueOrDefault(path));
            if (was is null)
            {
                lines.Add("+ " + @is);
            }
            else if (@is is null)
            {
                lines.Add("- " + was);
            }
            else if (was != @is)
            {
                lines.Add($"~ {was}  =>  {@is}");
            }
        }

        lines.AddRange(before.Unreadable.Except(Unreadable).Select(u => "- unreadable: " + u));
        lines.AddRange(Unreadable.Except(before.Unreadable).Select(u => "+ unreadable: " + u));
        return lines;
    }

    public bool Equals(TreeSnapshot? other) => other is not null && DifferencesFrom(other).Count == 0;

    public override bool Equals(object? obj) => Equals(obj as TreeSnapshot);

    public override int GetHashCode() => Entries.Count;

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var entry in Entries)
        {
            text.Append(entry).Append('\n');
        }

        foreach (var problem in Unreadable)
        {
            text.Append("unreadable: ").Append(problem).Append('\n');
        }

        return text.ToString();
    }

    private static string DigestOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
