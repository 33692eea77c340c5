using System.Text;
using BenchmarkDotNet.Attributes;
using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;

namespace Horadus.Benchmarks;

/// <summary>The pure planner on a converged host keeping every release (nothing to prune): what a drift check costs in CPU.</summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private static readonly FingerprintKey Fingerprints = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);

    private DesiredState _desired = null!;
    private ObservedSnapshot _observed = null!;
    private ReleaseLedger _ledger = null!;
    private readonly DateTimeOffset _now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Params(10, 100, 1000)]
    public int Releases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var owner = new Ownership(10001, 10001);
        var files = Enumerable.Range(0, 10).Select(i => new DesiredFile($"secret_{i}", $"SECRET_{i}_FILE", new SecretValue(Encoding.UTF8.GetBytes($"value-{i}"), Fingerprints))).ToList();
        var stamps = Enumerable.Range(0, Releases).Select(i => Stamps.At(_now.AddDays(-Releases + i))).ToList();
        _desired = new DesiredState("/srv/horadus/secrets", DeploymentEnvironment.Production, stamps[^1], files, owner, ModePolicy.RunbookDefaults, new RetentionPolicy(Releases, TimeSpan.FromHours(1)), []);
        var attributes = new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.File);
        var releases = stamps.Select(s => new ObservedRelease(s, new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.ReleaseDirectory),
            files.Select(f => new ObservedFile(f.Name, EntryType.File, f.Value.Size, f.Value.Digest, attributes)).ToList())).ToList();
        _observed = new ObservedSnapshot("/srv/horadus/secrets", true, new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.ReleasesDirectory), releases,
            new CurrentLink(EntryType.Symlink, $"/srv/horadus/secrets/releases/{stamps[^1]}", stamps[^1]), [], [], []);
        _ledger = new ReleaseLedger(stamps.Select(s => new ApplyRecord(s.Value, ApplyKind.Apply, s, null, null, _now.AddDays(-1), _now.AddDays(-1), ApplyOutcome.Succeeded, 2, null)));
    }

    [Benchmark]
    public Plan PlanOnAConvergedHost() => Planner.Plan(_desired, _observed, [], _ledger, _now);
}
