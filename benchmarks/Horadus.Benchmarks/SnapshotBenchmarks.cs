using System.Text;
using BenchmarkDotNet.Attributes;
using Horadus.Core.Desired;
using Horadus.Core.Observed;
using Horadus.Host.Tree;

namespace Horadus.Benchmarks;

/// <summary>Reading a real secrets root of 10-file releases: lstat, open without following links, HMAC-SHA256 of every file.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private string _root = null!;
    private PosixSecretsHost _host = null!;

    [Params(10, 100, 1000)]
    public int Releases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("horadus-bench-").FullName;
        _host = new PosixSecretsHost(_root);
        var files = ReleaseFiles.Ten();
        var owner = ReleaseFiles.Owner;
        for (var i = 0; i < Releases; i++)
        {
            _host.WriteRelease(Stamps.At(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i)), files, ModePolicy.RunbookDefaults, owner, owner);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public ObservedSnapshot Observe() => _host.Observe();
}

/// <summary>Writing one release of ten files durably (each file, the directory and its parent flushed), then deleting it.</summary>
[MemoryDiagnoser]
public class ReleaseWriteBenchmarks
{
    private string _root = null!;
    private PosixSecretsHost _host = null!;
    private IReadOnlyList<DesiredFile> _files = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("horadus-bench-").FullName;
        _host = new PosixSecretsHost(_root);
        _files = ReleaseFiles.Ten();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public void WriteOneReleaseDurably()
    {
        var stamp = Stamps.At(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_next++));
        _host.WriteRelease(stamp, _files, ModePolicy.RunbookDefaults, ReleaseFiles.Owner, ReleaseFiles.Owner);
        _host.DeleteRelease(stamp);
    }
}

/// <summary>Ten files of 64 bytes, the runbook's size of release, owned by the user running the benchmark.</summary>
internal static class ReleaseFiles
{
    private static readonly FingerprintKey Fingerprints = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);

    public static Ownership Owner => new(Horadus.Host.Posix.ProcessIdentity.Uid, Horadus.Host.Posix.ProcessIdentity.Gid);

    public static IReadOnlyList<DesiredFile> Ten() =>
        Enumerable.Range(0, 10).Select(i => new DesiredFile($"secret_{i}", $"SECRET_{i}_FILE", new SecretValue(Encoding.UTF8.GetBytes(new string('x', 64)), Fingerprints))).ToList();
}
