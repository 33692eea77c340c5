using System.Globalization;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// Waits for one new container to pass its service's gates: running and not restarting, its own HEALTHCHECK healthy,
/// the HTTP probe answering as expected, no failure pattern in its log, all of them for <see cref="HealthGates.StableFor"/>
/// in a row; <c>passing</c> is told the first time they all pass, so that the next wave need not wait for the hold.
/// It fails as soon as the container exits or restarts, or its HEALTHCHECK says unhealthy, not at the deadline.
/// What the container said (log lines, HTTP answers) goes through <see cref="Redactor"/> before it leaves: a failure,
/// its log tail and the progress lines never carry a desired secret value.
/// </summary>
public sealed class HealthGateRunner(IContainerEngine engine, IHttpProbe probe, TimeProvider time, SecretRedactor? redactor = null)
{
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    // A new container is usually healthy within a few hundred milliseconds: look early, then back off to the interval.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Hides the desired secret values in what the containers say.</summary>
    public SecretRedactor Redactor { get; } = redactor ?? SecretRedactor.None;

    /// <summary>The gates' clock: a reload is timed on it, so that its log and its "running" count from the signal.</summary>
    public DateTimeOffset Now() => time.GetUtcNow();

    /// <param name="reloadedAt">
    /// For a container reloaded in place rather than started: when it was told. Its log is read from then (what it said
    /// about an older release does not count), and a start after it means the reload killed it.
    /// </param>
    public async Task<GateFailure?> WaitHealthyAsync(
        ServiceSpec spec,
        string containerId,
        IReadOnlyCollection<string> secretVariables,
        Action<string> progress,
        CancellationToken cancellationToken,
        Action? passing = null,
        DateTimeOffset? reloadedAt = null)
    {
        var gates = spec.Health;
        var started = time.GetUtcNow();
        var deadline = started + gates.Deadline;
        var poll = gates.Http?.Interval is { } interval ? (interval > MinimumPoll ? interval : MinimumPoll) : DefaultPoll;
        var lastAnswer = "no answer yet";
        var lastGate = "running";
        var lastKind = GateKind.Running;
        int? firstRestartCount = null;
        DateTimeOffset? healthySince = null;
        var passedOnce = false;
        var backoff = FirstPoll;

        while (true)
        {
            var container = await engine.InspectAsync(containerId, secretVariables, cancellationToken);
            firstRestartCount ??= container.RestartCount;

            if (container.State is ContainerState.Exited or ContainerState.Dead)
            {
                var after = reloadedAt is null ? string.Empty : spec.Reload?.Signal is { } signal ? $" after {signal}: it does not handle the signal (use reload: {{ signal: none }} or give it a handler)" : " after the reload";
                return await FailAsync(spec, container, GateKind.Running, "running", $"container {container.Name} {Exited(container)}{after}", cancellationToken);
            }

            if (container.RestartCount > firstRestartCount || container.State == ContainerState.Restarting)
            {
                var restarts = container.RestartCount == 1 ? "1 restart" : $"{container.RestartCount} restarts";
                return await FailAsync(spec, container, GateKind.Running, "running", $"container {container.Name} exited{(container.ExitCode is { } code ? $" (exit code {code})" : string.Empty)} and was restarted by its restart policy ({restarts})", cancellationToken);
            }

            if (reloadedAt is { } told && container.StartedAt > told)
            {
                return await FailAsync(spec, container, GateKind.Running, "running", $"container {container.Name} was started again after the reload (it did not survive the signal)", cancellationToken);
            }

            if (container.State != ContainerState.Running)
            {
                (lastKind, lastGate, lastAnswer) = (GateKind.Running, "running", $"container {container.State.ToString().ToLowerInvariant()}");
            }

            if (gates.LogFailurePatterns.Count > 0)
            {
                var logs = await engine.LogsAsync(containerId, reloadedAt ?? container.StartedAt, 200, cancellationToken);
                var hit = logs.FirstOrDefault(line => gates.LogFailurePatterns.Any(p => line.Contains(p, StringComparison.Ordinal)));
                if (hit is not null)
                {
                    var pattern = gates.LogFailurePatterns.First(p => hit.Contains(p, StringComparison.Ordinal));
                    return await FailAsync(spec, container, GateKind.Log, "log", $"failure pattern '{pattern}' in the log: {hit}", cancellationToken);
                }
            }

            var healthy = container.State == ContainerState.Running;
            var onlyRunning = true;
            if (healthy && gates.ContainerHealthcheck && container.Health != ContainerHealth.None)
            {
                onlyRunning = false;
                (lastKind, lastGate, lastAnswer) = (GateKind.Healthcheck, "healthcheck", $"HEALTHCHECK {container.Health.ToString().ToLowerInvariant()}");
                if (container.Health == ContainerHealth.Unhealthy)
                {
                    return await FailAsync(spec, container, GateKind.Healthcheck, "healthcheck", "the container's HEALTHCHECK reports unhealthy", cancellationToken);
                }

                healthy &= container.Health == ContainerHealth.Healthy;
            }

            if (healthy && gates.Http is { } http)
            {
                onlyRunning = false;
                var answer = await probe.GetAsync(http.Url, http.Timeout, cancellationToken);
                (lastKind, lastGate) = (GateKind.Http, $"http {http.Url}");
                lastAnswer = Redactor.Redact(answer.Error ?? string.Create(CultureInfo.InvariantCulture, $"HTTP {answer.Status}: {answer.BodyExcerpt}"));
                healthy &= answer.Status == http.ExpectStatus &&
                           (http.ExpectBody is null || answer.BodyExcerpt.Contains(http.ExpectBody, StringComparison.Ordinal));
            }

            var now = time.GetUtcNow();

            // "Running" has held since the container started (or was reloaded); the other gates count from the first answer that passed.
            healthySince = healthy ? healthySince ?? (onlyRunning ? reloadedAt ?? container.StartedAt ?? now : now) : null;
            if (healthySince is not null && !passedOnce)
            {
                passedOnce = true;
                passing?.Invoke();
            }

            if (healthySince is { } since && now - since >= gates.StableFor)
            {
                progress($"healthy ({(onlyRunning ? "running" : lastGate)}, stable for {Seconds(gates.StableFor)})");
                return null;
            }

            if (now >= deadline)
            {
                return await FailAsync(spec, container, lastKind, lastGate, $"not healthy within {Seconds(gates.Deadline)}; last answer: {lastAnswer}", cancellationToken);
            }

            // Stable wording, so that a view printing only changes prints one line per state.
            progress(healthySince is not null
                ? $"passing ({(onlyRunning ? "running" : lastGate)}); holding for {Seconds(gates.StableFor)} to be sure"
                : $"waiting for {lastGate}: {lastAnswer}");
            backoff = backoff < poll ? backoff : poll;
            await Task.Delay(backoff, time, cancellationToken);
            backoff *= 2;
        }
    }

    private static string Exited(ObservedContainer container) =>
        container.ExitCode is { } code ? $"exited (exit code {code})" : container.State.ToString().ToLowerInvariant();

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");

    private async Task<GateFailure> FailAsync(ServiceSpec spec, ObservedContainer container, GateKind kind, string gate, string answer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tail;
        try
        {
            // The whole log: a container restarted by its policy may not have written anything since its last start.
            tail = await engine.LogsAsync(container.Id, null, 20, cancellationToken);
        }
        catch (ContainerEngineException e)
        {
            tail = [$"(log unavailable: {e.Message})"];
        }

        return Redactor.Redact(new GateFailure(spec.Name, kind, gate, answer, tail));
    }
}
