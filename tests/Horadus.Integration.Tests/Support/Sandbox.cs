using Horadus.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Horadus.Integration.Tests.Support;

/// <summary>
/// A temp folder with a manifest, a values directory and a secrets root, and a way to run <c>horadus</c>
/// in-process against it with captured output. Everything is real: files, modes, owners, symlinks.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public static readonly string[] RunbookFiles =
    [
        "database_url", "database_url_sync", "redis_url", "celery_broker_url", "celery_result_backend",
        "secret_key", "api_keys", "api_admin_key", "openai_api_key", "llm_secondary_api_key",
    ];

    public Sandbox()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("horadus-it-").FullName;
        Values = Path.Combine(Directory, "values");
        System.IO.Directory.CreateDirectory(Values);
        WriteValues("v1");
    }

    public string Directory { get; }

    public string Values { get; }

    public string Root => Path.Combine(Directory, "secrets");

    public string ManifestPath => Path.Combine(Directory, "horadus.desired.yaml");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Every value gets a marker so tests can prove it never reaches the output.</summary>
    public void WriteValues(string generation)
    {
        foreach (var file in RunbookFiles)
        {
            var value = file switch
            {
                var f when f.EndsWith("_url", StringComparison.Ordinal) || f.EndsWith("_sync", StringComparison.Ordinal) => $"redis://user:SECRET-{generation}-{file}@127.0.0.1:6379/0\n",
                "celery_result_backend" => $"redis://user:SECRET-{generation}-{file}@127.0.0.1:6379/2\n",
                "api_keys" => $"SECRET-{generation}-k1\nSECRET-{generation}-k2\n",
                _ => $"SECRET-{generation}-{file}\n",
            };
            File.WriteAllText(Path.Combine(Values, file), value);
        }
    }

    public void WriteManifest(string stamp = "20260215T090000Z", string extra = "", int keepPrevious = 1, string stabilityWindow = "0s")
    {
        var yaml = "version: 1\n" +
                   "environment: development\n" +
                   "secrets_root: secrets\n" +
                   "release:\n" +
                   $"  stamp: \"{stamp}\"\n" +
                   "  source:\n" +
                   "    directory: values\n" +
                   "retention:\n" +
                   $"  keep_previous: {keepPrevious}\n" +
                   $"  stability_window: {stabilityWindow}\n" +
                   extra;
        File.WriteAllText(ManifestPath, yaml);
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(null, interactive: false, args);

    public async Task<CliResult> RunAsync(string? input, bool interactive, params string[] args)
    {
        var run = await InProcessHoradus.RunAsync(
            args,
            Directory,
            name => Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name),
            TestContext.Current.CancellationToken,
            Time,
            input,
            interactive);
        return new CliResult(run.ExitCode, run.Output, run.Error);
    }

    /// <summary>Everything under the sandbox folder: names, types, modes, owners, link targets, content digests.</summary>
    public TreeSnapshot Snapshot() => TreeSnapshot.Take(Directory);

    /// <summary>A fingerprint of the whole tree under the sandbox folder: <see cref="Snapshot"/> as text.</summary>
    public string TreeFingerprint() => TreeFingerprint(Directory);

    public static string TreeFingerprint(string folder) => TreeSnapshot.Take(folder).ToString();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
