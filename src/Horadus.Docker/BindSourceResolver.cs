namespace Horadus.Docker;

/// <summary>
/// Tells which host directory a running container's mount really shows.
/// <para>
/// Why not inspect: for a bind mount whose source is a symlink (<c>current -&gt; releases/X</c>), the engine reports the
/// symlink path (checked on engine 20.10: <c>Mounts[].Source</c> and <c>HostConfig.Binds</c> keep <c>.../current</c>), while the
/// kernel resolved the link when the container started. So we read the container's own mount table,
/// <c>/proc/&lt;State.Pid&gt;/mountinfo</c>: the root field of the mount at the destination is the directory it shows, relative
/// to its device, which we map back to a host path through our own mount table. This needs the engine on this host
/// (a unix socket) and root; a stopped container has no mount table, so it is null there, as it is whenever it cannot be told.
/// </para>
/// </summary>
internal sealed class BindSourceResolver(bool engineIsLocal, string procRoot = "/proc")
{
    public IReadOnlyDictionary<string, string?> Resolve(string containerId, long pid, IEnumerable<string> destinations)
    {
        var wanted = destinations.ToList();
        var none = wanted.Distinct(StringComparer.Ordinal).ToDictionary(d => d, _ => (string?)null, StringComparer.Ordinal);
        if (!engineIsLocal || pid <= 0 || !BelongsToContainer(containerId, pid))
        {
            return none;
        }

        try
        {
            var containerMounts = MountInfo.Parse(File.ReadLines(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "mountinfo")));
            var hostMounts = MountInfo.Parse(File.ReadLines(Path.Combine(procRoot, "self", "mountinfo")));
            foreach (var destination in none.Keys.ToList())
            {
                // The last mount at a path is the one visible there.
                var mount = containerMounts.LastOrDefault(m => m.MountPoint == destination);
                none[destination] = mount is null ? null : MountInfo.HostPathOf(mount, hostMounts);
            }

            return none;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return none;
        }
    }

    /// <summary>Guards against a recycled pid or another pid namespace: the process must sit in the container's cgroup.</summary>
    private bool BelongsToContainer(string containerId, long pid)
    {
        try
        {
            var cgroup = File.ReadAllText(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cgroup"));
            return cgroup.Contains(containerId, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
