using BenchmarkDotNet.Attributes;
using Horadus.Sops;

namespace Horadus.Benchmarks;

/// <summary>
/// Decrypting a SOPS file for age: the age header (X25519, HKDF, ChaCha20-Poly1305), the data key, every value
/// (AES-256-GCM) and the MAC. Small: the repository's example (ten runbook values); large: one 1 MiB value.
/// </summary>
[MemoryDiagnoser]
public class SopsBenchmarks
{
    private SopsKeyRing _keys = null!;
    private byte[] _small = null!;
    private byte[] _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        var identities = Horadus.Sops.Age.AgeIdentity.ParseFile(File.ReadAllText(RepositoryFiles.Path("examples", "sops", "age-key.txt")));
        _keys = new SopsKeyRing(identities);
        _small = File.ReadAllBytes(RepositoryFiles.Path("examples", "sops", "secrets.enc.yaml"));
        var value = new string('v', 1024 * 1024);
        _large = SopsEncryptor.Encrypt([("big_value", SopsPlainValue.String(value))], SopsFormat.Yaml, [identities[0].Recipient], TimeProvider.System);
    }

    [Benchmark]
    public SopsDocument DecryptSmall() => SopsDecryptor.Decrypt(_small, SopsFormat.Yaml, _keys);

    [Benchmark]
    public SopsDocument DecryptOneMebibyte() => SopsDecryptor.Decrypt(_large, SopsFormat.Yaml, _keys);
}
