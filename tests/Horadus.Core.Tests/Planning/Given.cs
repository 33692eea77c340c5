using System.Text;
using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Services;

namespace Horadus.Core.Tests.Planning;

/// <summary>In-memory desired states and host snapshots for planner tests.</summary>
internal static class Given
{
    public const string Root = "/srv/horadus/secrets";
    public static readonly ReleaseStamp Old = ReleaseStamp.Parse("20260101T000000Z");
    public static readonly ReleaseStamp Older = ReleaseStamp.Parse("20251201T000000Z");
    public static readonly ReleaseStamp Oldest = ReleaseStamp.Parse("20251101T000000Z");
    public static readonly ReleaseStamp New = ReleaseStamp.Parse("20260215T090000Z");
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Ownership Owner = new(10001, 10001);

    /// <summary>A fixed root key: the planner compares digests, and these tests make the host's with the same key.</summary>
    public static readonly FingerprintKey Key = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);

    public static DesiredState Desired(ReleaseStamp? stamp = null, RetentionPolicy? retention = null, IReadOnlyList<ServiceSpec>? services = null, params (string Name, string Value)[] files)
    {
        var values = files.Length > 0 ? files : [("database_url", "postgresql://db/horadus"), ("api_keys", "k1,k2")];
        return new DesiredState(
            Root,
            DeploymentEnvironment.Production,
            stamp ?? New,
            values.Select(f => new DesiredFile(f.Name, f.Name.ToUpperInvariant() + "_FILE", new SecretValue(Encoding.UTF8.GetBytes(f.Value), Key))).ToList(),
            Owner,
            ModePolicy.RunbookDefaults,
            retention ?? new RetentionPolicy(1, TimeSpan.FromHours(24)),
            services ?? []);
    }

    /// <summary>The host exactly as applying <paramref name="desired"/> leaves it, plus older releases.</summary>
    public static ObservedSnapshot Converged(DesiredState desired, params ReleaseStamp[] olderReleases)
    {
        var releases = olderReleases.Select(s => ReleaseOf(desired, s)).Append(ReleaseOf(desired, desired.Stamp)).ToList();
        return new ObservedSnapshot(
            Root,
            true,
            Attributes(desired.Modes.ReleasesDirectory),
            releases,
            Link(desired.Stamp),
            [],
            [],
            [])
        {
            RootDirectory = Attributes(desired.Modes.ReleasesDirectory),
        };
    }

    public static ObservedRelease ReleaseOf(DesiredState desired, ReleaseStamp stamp) => new(
        stamp,
        Attributes(desired.Modes.ReleaseDirectory),
        desired.Files.Select(f => new ObservedFile(f.Name, EntryType.File, f.Value.Size, f.Value.Digest, Attributes(desired.Modes.File))).ToList());

    /// <summary>Relative, as Horadus makes it.</summary>
    public static CurrentLink Link(ReleaseStamp stamp) => new(EntryType.Symlink, $"releases/{stamp}", stamp);

    public static EntryAttributes Attributes(PermissionMode mode) => new(Owner.Uid, Owner.Gid, mode);

    public static ApplyRecord Succeeded(ReleaseStamp stamp, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("n"), ApplyKind.Apply, stamp, null, null, at, at, ApplyOutcome.Succeeded, 1, null);

    public static ApplyRecord RolledBack(ReleaseStamp stamp, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("n"), ApplyKind.Apply, stamp, null, null, at, at, ApplyOutcome.RolledBack, 1, "api: gate 'http' failed");

    /// <summary>A compose service of project horadus with the default gates, reading its secrets at <paramref name="mountPath"/>.</summary>
    public static ServiceSpec Service(string name, string mountPath, params string[] after) =>
        new(name, ContainerSelector.Compose("horadus", name), mountPath, TimeSpan.FromSeconds(10), after, HealthGates.Default, null);

    public static ObservedService Observed(string name, params ObservedContainer[] containers) => new(name, containers);

    /// <summary>A running container <c>SERVICE-1</c> with one bind mount and the given <c>*_FILE</c> variables.</summary>
    public static ObservedContainer Container(string service, ContainerMount mount, IReadOnlyDictionary<string, string> fileVariables) => new(
        $"{service}-1",
        $"{service}-1",
        "horadus-api:latest",
        ContainerState.Running,
        ContainerHealth.None,
        0,
        Now,
        [mount],
        fileVariables,
        [],
        new Dictionary<string, string>());
}
