using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Horadus.Cli.Rendering;
using Horadus.Core.Desired;
using Horadus.Core.History;
using Horadus.Core.Observed;
using Horadus.Core.Planning;
using Spectre.Console;

namespace Horadus.Benchmarks;

/// <summary>
/// Showing a rotation's plan: the terminal view (Spectre, no colour, to memory) and the JSON plan file. The plan: a new
/// release of ten files, the switch, the verdict and the prunes of a host with ten older good releases.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private static readonly FingerprintKey Fingerprints = FingerprintKey.ForRoot(new byte[FingerprintKey.Length]);
    private readonly DateTimeOffset _now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private Plan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        var owner = new Ownership(10001, 10001);
        var files = Enumerable.Range(0, 10).Select(i => new DesiredFile($"secret_{i}", $"SECRET_{i}_FILE", new SecretValue(Encoding.UTF8.GetBytes($"value-{i}"), Fingerprints))).ToList();
        var stamps = Enumerable.Range(0, 10).Select(i => Stamps.At(_now.AddDays(-30 + i))).ToList();
        var desired = new DesiredState("/srv/horadus/secrets", DeploymentEnvironment.Production, Stamps.At(_now), files, owner, ModePolicy.RunbookDefaults, new RetentionPolicy(1, TimeSpan.Zero), []);
        var attributes = new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.File);
        var releases = stamps.Select(s => new ObservedRelease(s, new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.ReleaseDirectory),
            files.Select(f => new ObservedFile(f.Name, EntryType.File, f.Value.Size, f.Value.Digest, attributes)).ToList())).ToList();
        var observed = new ObservedSnapshot("/srv/horadus/secrets", true, new EntryAttributes(owner.Uid, owner.Gid, ModePolicy.RunbookDefaults.ReleasesDirectory), releases,
            new CurrentLink(EntryType.Symlink, $"/srv/horadus/secrets/releases/{stamps[^1]}", stamps[^1]), [], [], []);
        var ledger = new ReleaseLedger(stamps.Select(s => new ApplyRecord(s.Value, ApplyKind.Apply, s, null, null, _now.AddDays(-1), _now.AddDays(-1), ApplyOutcome.Succeeded, 2, null)));
        _plan = Planner.Plan(desired, observed, [], ledger, _now);
    }

    [Benchmark]
    public int Terminal()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        PlanView.Write(console, _plan);
        return output.GetStringBuilder().Length;
    }

    [Benchmark]
    public string JsonPlanFile() => JsonSerializer.Serialize(PlanDocument.From(_plan, "/srv/horadus/horadus.desired.yaml", _now), PlanDocument.Json);
}
