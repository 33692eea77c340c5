using System.Text;
using BenchmarkDotNet.Attributes;
using Horadus.Core.Desired;
using Horadus.Core.Observed;
using Horadus.Host.Tree;

namespace Horadus.Benchmarks;

/// <summary>Reading a real secrets root (stat + SHA-256 of every file) and writing a release with fsyncs.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private static readonly FingerprintKey Fingerprints = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);

    private string _root = null!;
    private PosixSecretsHost _host = null!;
    private IReadOnlyList<DesiredFile> _files = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("horadus-bench-").FullName;
        _host = new PosixSecretsHost(_root);
        _files = Enumerable.Range(0, 10).Select(i => new DesiredFile($"secret_{i}", $"SECRET_{i}_FILE", new SecretValue(Encoding.UTF8.GetBytes(new string('x', 64)), Fingerprints))).ToList();
        var owner = new Ownership(Horadus.Host.Posix.ProcessIdentity.Uid, Horadus.Host.Posix.ProcessIdentity.Gid);
        for (var i = 0; i < 5; i++)
        {
            _host.WriteRelease(Stamps.At(new DateTimeOffset(2026, 1, 1 + i, 0, 0, 0, TimeSpan.Zero)), _files, ModePolicy.RunbookDefaults, owner, owner);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public ObservedSnapshot ObserveFiveReleases() => _host.Observe();

    [Benchmark]
    public void WriteOneReleaseDurably()
    {
        var owner = new Ownership(Horadus.Host.Posix.ProcessIdentity.Uid, Horadus.Host.Posix.ProcessIdentity.Gid);
        var stamp = Stamps.At(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_next++));
        _host.WriteRelease(stamp, _files, ModePolicy.RunbookDefaults, owner, owner);
        _host.DeleteRelease(stamp);
    }
}
