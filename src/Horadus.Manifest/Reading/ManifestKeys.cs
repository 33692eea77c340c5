namespace Horadus.Manifest.Reading;

/// <summary>
/// The keys the loader reads, per object of the manifest ("services.*" is any service). The loader refuses
/// to read a key not listed here, and a test holds this table equal to the schema's <c>properties</c>,
/// so the schema and the model cannot drift apart unnoticed.
/// </summary>
public static class ManifestKeys
{
    public const string Root = "";
    public const string Release = "release";
    public const string Source = "release.source";
    public const string Mapping = "mapping";
    public const string MappingFile = "mapping.files.*";
    public const string Ownership = "ownership";
    public const string Uid = "ownership.uid";
    public const string Gid = "ownership.gid";
    public const string Modes = "modes";
    public const string Retention = "retention";
    public const string Service = "services.*";
    public const string Compose = "services.*.compose";
    public const string Swarm = "services.*.swarm";
    public const string Reload = "services.*.reload";
    public const string SwarmUpdate = "services.*.swarm.update";
    public const string Preflight = "services.*.preflight";
    public const string Health = "services.*.health";
    public const string Http = "services.*.health.http";

    private static readonly string[] ImageUser = ["image", "user"];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadByLoader { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Root] = ["version", "environment", "secrets_root", "release", "mapping", "ownership", "modes", "retention", "services"],
        [Release] = ["stamp", "source"],
        [Source] = ["directory", "sops", "age_key_file", "unmapped_keys"],
        [Mapping] = ["defaults", "files"],
        [MappingFile] = ["variable", "key"],
        [Ownership] = ["uid", "gid"],
        [Uid] = ImageUser,
        [Gid] = ImageUser,
        [Modes] = ["releases_dir", "release_dir", "file"],
        [Retention] = ["keep_previous", "stability_window"],
        [Service] = ["compose", "labels", "swarm", "order", "reload", "mount_path", "stop_timeout", "after", "preflight", "health"],
        [Compose] = ["project", "service"],
        [Swarm] = ["service", "stack", "labels", "update"],
        [Reload] = ["signal"],
        [SwarmUpdate] = ["parallelism", "delay", "order", "monitor"],
        [Preflight] = ["command", "entrypoint", "expect_output", "timeout"],
        [Health] = ["http", "container_healthcheck", "stable_for", "log_failure_patterns", "deadline"],
        [Http] = ["url", "status", "body", "timeout", "interval"],
    };
}
