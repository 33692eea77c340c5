using System.Text;

namespace Horadus.Docker;

/// <summary>One line of <c>/proc/&lt;pid&gt;/mountinfo</c>: which device, which directory of it (root), mounted where.</summary>
internal sealed record MountInfoEntry(string Device, string Root, string MountPoint);

/// <summary>Parses mountinfo (proc(5)) and maps a mount's root back to a path on the host.</summary>
internal static class MountInfo
{
    public static List<MountInfoEntry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<MountInfoEntry>();
        foreach (var line in lines)
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": fields 3, 4 and 5 are what we need.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5)
            {
                entries.Add(new MountInfoEntry(fields[2], Unescape(fields[3]), Unescape(fields[4])));
            }
        }

        return entries;
    }

    /// <summary>
    /// The host path of what <paramref name="mount"/> shows: a host mount of the same device whose root contains the
    /// mount's root, plus the rest of the path. Null when no host mount of that device covers it.
    /// </summary>
    public static string? HostPathOf(MountInfoEntry mount, IReadOnlyList<MountInfoEntry> hostMounts)
    {
        var best = hostMounts
            .Where(h => h.Device == mount.Device && IsUnder(mount.Root, h.Root))
            .OrderByDescending(h => h.Root.Length)
            .ThenBy(h => h.MountPoint.Length)
            .FirstOrDefault();
        if (best is null)
        {
            return null;
        }

        var rest = best.Root == "/" ? mount.Root : mount.Root[best.Root.Length..];
        var joined = best.MountPoint.TrimEnd('/') + "/" + rest.TrimStart('/');
        return joined.Length > 1 ? joined.TrimEnd('/') : joined;
    }

    private static bool IsUnder(string path, string root) =>
        root == "/" || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    /// <summary>mountinfo escapes space, tab, newline and backslash as three octal digits (\040).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
