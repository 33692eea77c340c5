using Horadus.Core.Desired;
using Horadus.Core.Diagnostics;
using Horadus.Core.Execution;
using Horadus.Core.Ports;
using Horadus.Docker;
using Horadus.Host.Http;
using Horadus.Host.State;
using Horadus.Host.Tree;
using Horadus.Host.Posix;
using Horadus.Manifest;
using Horadus.Shared;

namespace Horadus.Cli.Composition;

/// <summary>Options every command that reads the manifest shares.</summary>
public sealed record ManifestOptions(string ManifestPath, string? RootOverride, string? AgeKeyFile);

/// <summary>
/// The composition root of one command: the manifest loaded, the desired state built, the adapters wired into a
/// <see cref="Reconciler"/>. Disposing it zeroes the secret values.
/// </summary>
internal sealed class Session : IDisposable
{
    private readonly Lazy<DockerContainerEngine> _engine;
    private readonly HttpHealthProbe _probe = new();

    private Session(CliContext context, ManifestDocument manifest, DesiredState desired, Lazy<DockerContainerEngine> engine, IApplyObserver observer, IFaultPoints faults)
    {
        Manifest = manifest;
        Desired = desired;
        _engine = engine;
        Host = new PosixSecretsHost(desired.SecretsRoot, desired.Fingerprints);
        History = new JsonlHistoryStore(Host.Root);
        Lock = new FileApplyLock(Host.Root, context.Time);
        var containers = desired.Services.Count > 0 ? engine.Value : null;
        Reconciler = new Reconciler(Host, Lock, History, containers, _probe, context.Time, observer, faults, containers);
    }

    public ManifestDocument Manifest { get; }

    public DesiredState Desired { get; }

    public PosixSecretsHost Host { get; }

    public JsonlHistoryStore History { get; }

    public FileApplyLock Lock { get; }

    public Reconciler Reconciler { get; }

    /// <summary>Loads and validates; on any problem writes every diagnostic and returns null.</summary>
    /// <param name="readValues">
    /// False for commands that never write a release (rollback): the values source is not read at all, and the desired
    /// files carry empty values. See <see cref="Core.Desired.DesiredStateBuilder.BuildAsync"/>.
    /// </param>
    public static async Task<Session?> OpenAsync(CliContext context, ManifestOptions options, IApplyObserver observer, CancellationToken cancellationToken, bool readValues = true)
    {
        var (manifest, diagnostics) = LoadManifest(context, options.ManifestPath);
        if (manifest is null)
        {
            Report(context, diagnostics);
            return null;
        }

        var faults = KillAtFaultPoint.From(context.Environment(KillAtFaultPoint.Variable));
        var engine = new Lazy<DockerContainerEngine>(() => new DockerContainerEngine(context.Environment("DOCKER_HOST")) { Faults = faults });
        if (options.RootOverride is { } given && (given.Length == 0 || ControlCharacters.In(given)))
        {
            // A newline would name another folder ("root\nx"), a NUL would make path handling throw.
            Report(context, [.. diagnostics, Diagnostic.Error($"--root '{ControlCharacters.Escape(given)}' is not a usable path", "give a directory path without control characters")]);
            return null;
        }

        // The one path from a manifest to a desired state, shared by every command and the daemon (a Core use case).
        var root = options.RootOverride is null ? manifest.SecretsRoot : Path.GetFullPath(options.RootOverride, context.WorkingDirectory);
        var builder = new DesiredStateBuilder(
            readValues ? new ManifestValues(manifest, options.AgeKeyFile, context.Environment) : null,
            () => engine.Value,
            new FingerprintKeyFileStore(),
            new Ownership(ProcessIdentity.Uid, ProcessIdentity.Gid),
            InputLimits.Value);
        var (desired, problems) = await builder.BuildAsync(manifest.ToSpec(), root, cancellationToken);
        if (desired is null)
        {
            Report(context, [.. diagnostics, .. problems]);
            return null;
        }

        Rendering.DiagnosticsView.WritePlain(context.Error, diagnostics.Concat(problems).Where(d => d.Severity != Severity.Info && !d.IsError));
        return new Session(context, manifest, desired, engine, observer, faults);
    }

    public static (ManifestDocument? Manifest, IReadOnlyList<Diagnostic> Diagnostics) LoadManifest(CliContext context, string manifestPath)
    {
        var path = Path.GetFullPath(manifestPath, context.WorkingDirectory);
        var result = ManifestLoader.Load(path);
        return result.Diagnostics.Any(d => d.IsError) ? (null, result.Diagnostics) : (result.Document, result.Diagnostics);
    }

    public static void Report(CliContext context, IEnumerable<Diagnostic> diagnostics)
    {
        Rendering.DiagnosticsView.WritePlain(context.Error, diagnostics.Where(d => d.Severity != Severity.Info));
    }

    public void Dispose()
    {
        Desired.Dispose();
        _probe.Dispose();
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
