using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using Horadus.Tests.Shared;
using Horadus.Docker.Tests.Support;

namespace Horadus.Docker.Tests.EndToEnd.Support;

/// <summary>What one <c>horadus</c> command printed and returned.</summary>
public sealed record HoradusRun(int ExitCode, string Output, string Error, TimeSpan Took)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode} after {Took.TotalSeconds:0.0}s\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>How the services of a test manifest are gated; short times keep the whole suite within minutes.</summary>
public sealed record ManifestShape
{
    public bool Preflight { get; init; }

    public bool ApiHttpGate { get; init; } = true;

    public string Deadline { get; init; } = "20s";

    public string? OwnershipImage { get; init; }

    public IReadOnlyList<string> Services { get; init; } = ["api", "worker", "beat"];

    /// <summary>Services written with <c>order: start-first</c>.</summary>
    public IReadOnlyList<string> StartFirst { get; init; } = [];

    /// <summary>Services written with <c>reload: { signal: VALUE }</c> (SIGHUP, none, ...).</summary>
    public IReadOnlyDictionary<string, string> Reload { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One end-to-end test's host: a temp folder with a manifest, a values directory and a secrets root, containers of the
/// stand-in image started the way compose starts them (project/service labels, <c>current</c> bound read-only, <c>*_FILE</c>
/// variables, host network), and the real <c>horadus</c> CLI run in-process against it with captured output.
/// Every container carries <c>horadus.test=&lt;id&gt;</c> (replacements copy it); disposing removes exactly those.
/// </summary>
public sealed class RotationHost : IAsyncDisposable
{
    public const string Stamp1 = "20260301T000000Z";
    public const string Stamp2 = "20260302T000000Z";
    public const string Stamp3 = "20260303T000000Z";
    public const string MountPath = "/run/secrets/horadus";
    public const string BadOpenAiKey = "sk-bad-rotated-key";

    public static readonly string[] RunbookFiles =
    [
        "database_url", "database_url_sync", "redis_url", "celery_broker_url", "celery_result_backend",
        "secret_key", "api_keys", "api_admin_key", "openai_api_key", "llm_secondary_api_key",
    ];

    private readonly TestContainers _containers;

    private RotationHost()
    {
        Id = Guid.NewGuid().ToString("N")[..10];
        Directory = Path.Combine(Path.GetTempPath(), "horadus-e2e", Id);
        System.IO.Directory.CreateDirectory(Values);
        Project = $"hrde{Id}";
        ApiPort = FreePort.Next();
        _containers = new TestContainers(Id);
    }

    public string Id { get; }

    public string Directory { get; }

    public string Project { get; }

    public int ApiPort { get; }

    public string Values => Path.Combine(Directory, "values");

    public string Root => Path.Combine(Directory, "secrets");

    public string Current => Path.Combine(Root, "current");

    public string ManifestPath => Path.Combine(Directory, "horadus.desired.yaml");

    public string HealthUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ApiPort}/cgi-bin/health");

    /// <summary>Extra environment for the CLI (DOCKER_HOST, ...); the process environment fills the rest.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public static RotationHost Start(DockerRequirement docker)
    {
        docker.Require();
        return new RotationHost();
    }

    public string ReleaseDirectory(string stamp) => Path.Combine(Root, "releases", stamp);

    /// <summary>Every value carries "SECRET-" so a test can prove none reaches the output.</summary>
    public static string ValueOf(string generation, string file) => file switch
    {
        _ when file.EndsWith("_url", StringComparison.Ordinal) || file.EndsWith("_sync", StringComparison.Ordinal) =>
            $"redis://user:SECRET-{generation}-{file}@127.0.0.1:6379/0",
        "celery_result_backend" => $"redis://user:SECRET-{generation}-{file}@127.0.0.1:6379/2",
        "api_keys" => $"SECRET-{generation}-k1\nSECRET-{generation}-k2",
        _ => $"SECRET-{generation}-{file}",
    };

    /// <summary>Writes the values of one generation; <paramref name="openAiKey"/> replaces that one (a bad key, say).</summary>
    public void WriteValues(string generation, string? openAiKey = null)
    {
        foreach (var file in RunbookFiles)
        {
            var value = file == "openai_api_key" && openAiKey is not null ? openAiKey : ValueOf(generation, file);
            File.WriteAllText(Path.Combine(Values, file), value + "\n");
        }
    }

    public void WriteManifest(string stamp, ManifestShape? shape = null)
    {
        shape ??= new ManifestShape();
        var owner = shape.OwnershipImage is { } image
            ? $"  uid: {{ image: \"{image}\", user: app }}\n  gid: {{ image: \"{image}\", user: app }}\n"
            : $"  uid: {StandInImage.AppUid}\n  gid: {StandInImage.AppUid}\n";
        var yaml = new StringBuilder()
            .Append("version: 1\n")
            .Append("environment: development\n")
            .Append("secrets_root: secrets\n")
            .Append("release:\n")
            .Append(CultureInfo.InvariantCulture, $"  stamp: \"{stamp}\"\n")
            .Append("  source:\n")
            .Append("    directory: values\n")
            .Append("ownership:\n")
            .Append(owner)
            .Append("retention:\n")
            .Append("  keep_previous: 1\n")
            .Append("  stability_window: 1h\n");
        if (shape.Services.Count > 0)
        {
            yaml.Append("services:\n");
        }

        foreach (var service in shape.Services)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {service}:\n")
                .Append(CultureInfo.InvariantCulture, $"    compose: {{ project: {Project}, service: {service} }}\n")
                .Append("    stop_timeout: 2s\n");
            if (shape.StartFirst.Contains(service))
            {
                yaml.Append("    order: start-first\n");
            }

            if (shape.Reload.TryGetValue(service, out var signal))
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    reload: {{ signal: {signal} }}\n");
            }

            if (service != "api" && shape.Services.Contains("api"))
            {
                yaml.Append("    after: [api]\n");
            }

            if (service == "api" && shape.Preflight)
            {
                yaml.Append("    preflight:\n")
                    // As `docker compose run --no-deps api ...`: the service's own environment (ROLE) plus the new release.
                    .Append("      command: [\"sh\", \"-c\", \"test \\\"$ROLE\\\" = api && check-secrets && echo secrets-ok\"]\n")
                    .Append("      expect_output: secrets-ok\n")
                    .Append("      timeout: 20s\n");
            }

            yaml.Append("    health:\n");
            if (service == "api" && shape.ApiHttpGate)
            {
                yaml.Append("      http:\n")
                    .Append(CultureInfo.InvariantCulture, $"        url: \"{HealthUrl}\"\n")
                    .Append("        status: 200\n")
                    .Append("        timeout: 1s\n")
                    .Append("        interval: 200ms\n");
            }

            yaml.Append("      container_healthcheck: true\n")
                .Append("      stable_for: 1s\n")
                .Append("      log_failure_patterns: [\"invalid_api_key\"]\n")
                .Append(CultureInfo.InvariantCulture, $"      deadline: {shape.Deadline}\n");
        }

        File.WriteAllText(ManifestPath, yaml.ToString());
    }

    /// <summary>Runs <c>horadus</c> in-process (NO_COLOR, no terminal, wide output), from the host's folder.</summary>
    public Task<HoradusRun> RunAsync(params string[] args) => RunAsync(TestContext.Current.CancellationToken, args);

    /// <summary>As <see cref="RunAsync(string[])"/>, interrupted (as by Ctrl-C) when <paramref name="interrupt"/> is cancelled.</summary>
    public async Task<HoradusRun> RunAsync(CancellationToken interrupt, params string[] args)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var captured = await InProcessHoradus.RunAsync(
            args,
            Directory,
            name => Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name),
            interrupt);
        var run = new HoradusRun(captured.ExitCode, captured.Output, captured.Error, started.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine($"$ horadus {string.Join(' ', args)}\n{run}");
        return run;
    }

    public static string ContainerName(string project, string service) => $"{project}_{service}_1";

    public string ContainerName(string service) => ContainerName(Project, service);

    /// <summary>
    /// Starts a service container as compose would (project/service/container-number labels, the name
    /// <c>&lt;project&gt;_&lt;service&gt;_1</c>, <c>current</c> bound read-only, the runbook's <c>*_FILE</c> variables, restart
    /// unless-stopped, host network), through Testcontainers (see <see cref="TestContainers"/> for what is written how).
    /// The api serves /cgi-bin/health on <see cref="ApiPort"/>; beat declares a HEALTHCHECK. <paramref name="customize"/>
    /// adds what a test needs. With <paramref name="reloads"/>, it is wired as a service that reloads: the whole root bound
    /// read-only and each variable through <c>current</c> (MOUNT/current/file).
    /// </summary>
    public Task<string> StartServiceAsync(
        string service,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<ContainerBuilder, ContainerBuilder>? customize = null,
        IEnumerable<string>? command = null,
        bool reloads = false)
    {
        var env = FileVariables(reloads);
        env["ROLE"] = service == "api" ? "api" : "worker";
        env["INTERVAL"] = "0.3";
        if (service == "api")
        {
            env["PORT"] = ApiPort.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var builder = _containers.Service(StandInImage.Tag, ContainerName(service), reloads ? Root : Current, env)
            .WithLabel("com.docker.compose.project", Project)
            .WithLabel("com.docker.compose.service", service)
            .WithLabel("com.docker.compose.container-number", "1")
            .WithCreateParameterModifier(TestContainers.Restart(RestartPolicyKind.UnlessStopped));
        if (service == "beat")
        {
            // One service with its own HEALTHCHECK, as images often declare one.
            builder = builder.WithCreateParameterModifier(TestContainers.Healthcheck(TimeSpan.FromMilliseconds(500), retries: 2));
        }

        if (command is not null)
        {
            builder = builder.WithCommand(command.ToArray());
        }

        return _containers.StartAsync(customize is null ? builder : customize(builder));
    }

    /// <summary>The runbook's wiring: DATABASE_URL_FILE=/run/secrets/horadus/database_url, ... (through current/ for a service that reloads).</summary>
    public static Dictionary<string, string> FileVariables(bool reloads = false) =>
        RunbookFiles.ToDictionary(f => f.ToUpperInvariant() + "_FILE", f => reloads ? $"{MountPath}/current/{f}" : $"{MountPath}/{f}", StringComparer.Ordinal);

    /// <summary>Waits until the api answers 200 (the containers start asynchronously).</summary>
    public Task WaitForApiAsync() =>
        Eventually.UntilAsync(() => Eventually.GetLoopbackAsync(ApiPort, "/cgi-bin/health"), r => r.Status == 200, "the api's health endpoint");

    /// <summary><c>docker inspect</c> of one container, or null when it does not exist.</summary>
    public static async Task<JsonElement?> InspectAsync(string container)
    {
        var result = await DockerCli.DockerAsync("inspect", container);
        if (result.ExitCode != 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement[0].Clone();
    }

    /// <summary>The ids of the containers of this test, as the engine lists them (docker ps -a).</summary>
    public async Task<IReadOnlyList<string>> ContainerIdsAsync() =>
        (await DockerCli.DockerOkAsync("ps", "-aq", "--no-trunc", "--filter", _containers.LabelFilter))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>What the container itself reads at the mount path.</summary>
    public static Task<string> ReadInsideAsync(string container, string file) =>
        DockerCli.DockerOkAsync("exec", container, "cat", $"{MountPath}/{file}");

    /// <summary>The directory <c>current</c> names, as a full path (the link itself is relative).</summary>
    public string CurrentTarget() => new FileInfo(Current).LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(Current)!) : "(not a link)";

    /// <summary>
    /// Names, types, modes, owners, link targets (as <c>find -printf</c> reports them: an independent channel) and the
    /// content digest of every regular file under the host's folder.
    /// </summary>
    public async Task<string> TreeFingerprintAsync()
    {
        var find = await DockerCli.RunAsync("find", [Directory, "-printf", "%p %y %m %U:%G %l\\n"]);
        Assert.True(find.ExitCode == 0, find.Stderr);
        var text = new StringBuilder();
        foreach (var line in find.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            text.Append(line);
            var path = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            if (line.Contains(" f ", StringComparison.Ordinal))
            {
                text.Append(' ').Append(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path))));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>uid:gid as <c>stat -c %u:%g</c> reports it (an independent channel, not the code under test).</summary>
    public static async Task<string> OwnerOfAsync(string path) => (await DockerCli.RunAsync("stat", ["-c", "%u:%g", path])).Trimmed;

    public async ValueTask DisposeAsync()
    {
        await _containers.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
