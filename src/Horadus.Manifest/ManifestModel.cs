using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Services;

namespace Horadus.Manifest;

/// <summary>Where the release's values come from. Paths are absolute, resolved against the manifest's folder.</summary>
public abstract record ValuesSource(SourceLocation Location);

/// <summary>A plain directory with one file per mapped name. Development only.</summary>
public sealed record DirectorySource(string Path, SourceLocation Location) : ValuesSource(Location);

/// <summary>
/// A SOPS file encrypted for age recipients; <paramref name="AgeKeyFile"/> overrides key discovery. With
/// <paramref name="IgnoreUnmappedKeys"/>, keys no mapping entry selects are left unread instead of refused
/// (files shared with other tools, such as sops-nix or helm-secrets, hold keys this app does not need).
/// </summary>
public sealed record SopsSource(string Path, string? AgeKeyFile, SourceLocation Location, bool IgnoreUnmappedKeys = false) : ValuesSource(Location);

/// <summary>A uid or gid: a number, or the user of an image resolved through the engine (<c>id -u app</c>).</summary>
public abstract record IdSpec;

public sealed record NumericId(int Value) : IdSpec;

public sealed record ImageUserId(string Image, string User) : IdSpec;

/// <summary>Ownership as written; <c>null</c> parts mean "the user running horadus".</summary>
public sealed record OwnershipSpec(IdSpec? Uid, IdSpec? Gid);

/// <summary>
/// One mapping entry: file name in the release -> variable that points at it. <paramref name="Key"/> is where the value
/// comes from when it is not the key named <paramref name="File"/>: a key, or a '/'-separated path of keys into nested
/// SOPS values (for a directory source, a file name in the directory).
/// </summary>
public sealed record MappingEntry(string File, string Variable, SourceLocation Location, string? Key = null)
{
    /// <summary>The path of keys that holds the value: <see cref="Key"/> split at '/', or the file name alone.</summary>
    public IReadOnlyList<string> KeyPath => Key is null ? [File] : Key.Split('/');

    /// <summary>The key path as written, for messages.</summary>
    public string KeyText => Key ?? File;
}

/// <summary>The manifest as written, validated, with defaults applied; values not yet read.</summary>
public sealed record ManifestDocument(
    string Path,
    int Version,
    DeploymentEnvironment Environment,
    string SecretsRoot,
    ReleaseStamp Stamp,
    ValuesSource Source,
    IReadOnlyList<MappingEntry> Mapping,
    OwnershipSpec Ownership,
    ModePolicy Modes,
    RetentionPolicy Retention,
    IReadOnlyList<ServiceSpec> Services);

/// <summary>The runbook's ten files and variables: the default mapping.</summary>
public static class RunbookMapping
{
    public static IReadOnlyList<(string File, string Variable)> Defaults { get; } =
    [
        ("database_url", "DATABASE_URL_FILE"),
        ("database_url_sync", "DATABASE_URL_SYNC_FILE"),
        ("redis_url", "REDIS_URL_FILE"),
        ("celery_broker_url", "CELERY_BROKER_URL_FILE"),
        ("celery_result_backend", "CELERY_RESULT_BACKEND_FILE"),
        ("secret_key", "SECRET_KEY_FILE"),
        ("api_keys", "API_KEYS_FILE"),
        ("api_admin_key", "API_ADMIN_KEY_FILE"),
        ("openai_api_key", "OPENAI_API_KEY_FILE"),
        ("llm_secondary_api_key", "LLM_SECONDARY_API_KEY_FILE"),
    ];
}
