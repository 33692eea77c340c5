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

    /// <summary>The repository's example SOPS file, encrypted for the public test key <see cref="ExampleAgeKey"/>.</summary>
    public static string ExampleSopsFile => Path.Combine(RepositoryRoot.Path, "examples", "sops", "secrets.enc.yaml");

    public static string ExampleAgeKey => Path.Combine(RepositoryRoot.Path, "examples", "sops", "age-key.txt");

    /// <summary>The recipient of <see cref="ExampleAgeKey"/>, for <c>secrets encrypt --age</c>.</summary>
    public const string ExampleRecipient = "age1ahuhf9768gj6mxmepr3gzs6jar5svw5rk8q4reup92xf07vs732s4pj6ts";

    /// <summary>A production manifest whose values come from <paramref name="sopsFile"/> (line 7), then <paramref name="extra"/> lines.</summary>
    public void WriteSopsManifest(string sopsFile, string? keyFile, string extra = "")
    {
        var key = keyFile is null ? string.Empty : $"    age_key_file: {keyFile}\n";
        File.WriteAllText(ManifestPath,
            "version: 1\nenvironment: production\nsecrets_root: secrets\nrelease:\n  stamp: \"20260215T090000Z\"\n  source:\n" +
            $"    sops: {sopsFile}\n{key}{extra}");
    }

    /// <summary>Writes <paramref name="plainYaml"/> into the sandbox, encrypts it in place for <see cref="ExampleRecipient"/>, returns its path.</summary>
    public async Task<string> WriteEncryptedValuesAsync(string plainYaml, string name = "values.yaml")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, plainYaml);
        var encrypt = await RunAsync("secrets", "encrypt", path, "--age", ExampleRecipient, "--in-place");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        return path;
    }

    /// <summary>Key discovery sees no key but what the test gives: no SOPS_AGE_KEY*, no keys.txt of the user running the tests.</summary>
    public void IsolateKeyDiscovery()
    {
        foreach (var name in new[] { "SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE", "SOPS_AGE_KEY_CMD" })
        {
            Environment[name] = null;
        }

        Environment["XDG_CONFIG_HOME"] = Directory;
        Environment["HOME"] = Directory;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(null, interactive: false, args);

    /// <summary>
    /// Runs horadus on a thread-pool thread with a deadline: input that would hang it (a FIFO opened for reading blocks
    /// in the kernel, out of reach of any cancellation token) fails the test instead of hanging CI.
    /// </summary>
    public async Task<CliResult> RunWithDeadlineAsync(TimeSpan deadline, params string[] args)
    {
        try
        {
            return await Task.Run(() => RunAsync(args)).WaitAsync(deadline, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"horadus {string.Join(' ', args)} did not finish within {deadline.TotalSeconds} s: it hangs on its input");
            throw;
        }
    }

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
