using Horadus.Core.Serialization;
using Horadus.Cli.Composition;
using Horadus.Core.Drift;
using Horadus.Core.Execution;
using Horadus.Core.Planning;
using Horadus.Core.Watching;
using Horadus.Host.State;
using Spectre.Console;

namespace Horadus.Cli.Watching;

/// <summary>
/// One cycle, as one straight line: load the manifest and values, observe, plan, read the plan as drift, then act as the
/// policy says (report, or apply auto-approved), unless an operator suspended the daemon. It never throws but on stop:
/// whatever fails is an outcome (<see cref="CycleState.Error"/>), retried with backoff by the caller.
/// </summary>
internal sealed class WatchCycle(CliContext context, WatchOptions options, Core.Ports.IManifestSource? source = null) : IWatchCycle
{
    private ManifestOptions _manifest = options.Manifest;

    /// <summary>The secrets root of the last cycle that could read its manifest: where the daemon keeps its state.</summary>
    public string? Root { get; private set; }
    private string? _commit;

    public async Task<CycleOutcome> RunAsync(CancellationToken stopping)
    {
        var started = context.Time.GetUtcNow();
        if (await FetchAsync(stopping) is { } failure)
        {
            return Outcome(CycleState.Error, started, new Dictionary<DriftKind, int>(), null, failure.Commit ?? _commit, false, failure.Message);
        }

        var (session, problems) = await OpenAsync(stopping);
        if (session is null)
        {
            return Outcome(CycleState.Error, started, new Dictionary<DriftKind, int>(), null, null, false, problems);
        }

        try
        {
            var suspension = Suspensions(session).Read();
            var report = await session.Reconciler.DriftAsync(session.Desired, PlanOptions.Default, stopping);
            var live = report.Live?.ToString();
            Root = session.Host.Root;
            var revision = _commit ?? Revision.Of(session.Manifest.Path);
            var drift = report.CountByKind();
            if (report.Errors.Count > 0)
            {
                return Outcome(CycleState.Error, started, drift, live, revision, suspension is not null, string.Join("; ", report.Errors.Select(e => e.Summary)));
            }

            if (report.InSync)
            {
                return Outcome(CycleState.InSync, started, drift, live, revision, suspension is not null, null);
            }

            if (suspension is not null || options.Policy == DriftPolicy.Report)
            {
                var why = suspension is null ? "policy report" : $"suspended: {suspension.Reason}";
                return Outcome(CycleState.Drifted, started, drift, live, revision, suspension is not null, $"{report.Items.Count} difference(s) left ({why})");
            }

            if (options.Debounce > TimeSpan.Zero && report.Items.Any(i => i.Kind == DriftKind.ReleaseMissing))
            {
                // A new release arrived: let a burst of changes settle, then converge on the last of them only.
                session.Dispose();
                session = null;
                await Task.Delay(options.Debounce, context.Time, stopping);

                // The burst may have gone on in git too: fetch again, so the last commit is the one applied (and recorded).
                if (await FetchAsync(stopping) is { } refetch)
                {
                    return Outcome(CycleState.Error, started, drift, live, refetch.Commit ?? _commit, false, refetch.Message);
                }

                revision = _commit ?? revision;
                (session, problems) = await OpenAsync(stopping);
                if (session is null)
                {
                    return Outcome(CycleState.Error, started, drift, live, revision, false, problems);
                }
            }

            var apply = await session.Reconciler.ApplyAsync(
                session.Desired,
                new ApplyOptions(options.LockTimeout, revision, PlanOptions.Default),
                (_, _) => Task.FromResult(Approval.Granted),
                stopping);
            var state = apply.Status switch
            {
                ApplyStatus.Applied => CycleState.Applied,
                ApplyStatus.NoChanges => CycleState.InSync,
                ApplyStatus.RolledBack => CycleState.RolledBack,
                ApplyStatus.Refused or ApplyStatus.Stale or ApplyStatus.Declined => CycleState.Error,
                _ => CycleState.ApplyFailed,
            };
            var message = apply.Error ?? string.Join("; ", apply.Diagnostics.Where(d => d.IsError).Select(d => d.Summary));
            return Outcome(state, started, state == CycleState.Applied ? new Dictionary<DriftKind, int>() : drift, apply.Live?.ToString() ?? live,
                revision, false, message.Length == 0 ? null : message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Whatever one cycle hits is that cycle's error, reported and retried: only stopping ends the daemon.
            return Outcome(CycleState.Error, started, new Dictionary<DriftKind, int>(), null, _commit, false, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Fetches (and verifies) the manifest's commit when it comes from git; a failure is returned, not thrown.</summary>
    private async Task<(string? Commit, string Message)?> FetchAsync(CancellationToken stopping)
    {
        if (source is null)
        {
            return null;
        }

        try
        {
            // The commit is part of every report: fetched (and verified, when asked) before anything is read.
            var fetched = await source.FetchAsync(stopping);
            _manifest = options.Manifest with { ManifestPath = fetched.ManifestPath };
            _commit = fetched.Commit;
            return null;
        }
        catch (Core.Ports.ManifestSourceException e)
        {
            var kind = e.Kind.ToString().ToLowerInvariant();
            return (e.Commit, $"git source ({kind}): {e.Message}");
        }
    }

    public static StateFile<Suspension> Suspensions(string root) => new(root, "suspended.json", Rendering.CliJson.State.Info<Suspension>());

    private static StateFile<Suspension> Suspensions(Session session) => Suspensions(session.Host.Root);

    /// <summary>A session read afresh each cycle (the manifest and its values may have changed); its errors are kept, not printed.</summary>
    private async Task<(Session? Session, string? Problems)> OpenAsync(CancellationToken stopping)
    {
        using var errors = new StringWriter();
        var quiet = new CliContext
        {
            Out = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No }),
            Error = errors,
            Input = TextReader.Null,
            IsInteractive = false,
            Environment = context.Environment,
            WorkingDirectory = context.WorkingDirectory,
            Time = context.Time,
        };
        var session = await Session.OpenAsync(quiet, _manifest, Core.Execution.IApplyObserver.None, stopping);
        var text = errors.ToString().Trim();
        return (session, session is null ? (text.Length == 0 ? "the manifest or its values could not be read" : text.ReplaceLineEndings("; ")) : null);
    }

    private CycleOutcome Outcome(CycleState state, DateTimeOffset started, IReadOnlyDictionary<DriftKind, int> drift, string? live, string? revision, bool suspended, string? message) =>
        new(state, started, context.Time.GetUtcNow() - started, drift, live, revision, suspended, message);
}
