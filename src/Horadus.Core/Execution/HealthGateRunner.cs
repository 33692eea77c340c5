using System.Globalization;
using Horadus.Core.Ports;
using Horadus.Core.Services;

namespace Horadus.Core.Execution;

/// <summary>
/// Waits for one new container to pass its service's gates: running and not restarting for a while, its own
/// HEALTHCHECK healthy, the HTTP probe answering as expected, no failure pattern in its log. It fails as soon as
/// the container exits or restarts, not at the deadline.
/// </summary>
public sealed class HealthGateRunner(IContainerEngine engine, IHttpProbe probe, TimeProvider time)
{
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(250);

    public async Task<GateFailure?> WaitHealthyAsync(
        ServiceSpec spec,
        string containerId,
        IReadOnlyCollection<string> secretVariables,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        var gates = spec.Health;
        var started = time.GetUtcNow();
        var deadline = started + gates.Deadline;
        var poll = gates.Http?.Interval is { } interval && interval > MinimumPoll ? interval : MinimumPoll;
        var lastAnswer = "no answer yet";
        var lastGate = "running";
        int? firstRestartCount = null;

        while (true)
        {
            var container = await engine.InspectAsync(containerId, secretVariables, cancellationToken);
            firstRestartCount ??= container.RestartCount;

            if (container.State is ContainerState.Exited or ContainerState.Dead)
            {
                return await FailAsync(spec, container, "running", $"container {container.Name} {container.State.ToString().ToLowerInvariant()}", cancellationToken);
            }

            if (container.RestartCount > firstRestartCount || container.State == ContainerState.Restarting)
            {
                return await FailAsync(spec, container, "running", $"container {container.Name} restarted ({container.RestartCount} restarts)", cancellationToken);
            }

            if (gates.LogFailurePatterns.Count > 0)
            {
                var logs = await engine.LogsAsync(containerId, container.StartedAt, 200, cancellationToken);
                var hit = logs.FirstOrDefault(line => gates.LogFailurePatterns.Any(p => line.Contains(p, StringComparison.Ordinal)));
                if (hit is not null)
                {
                    return await FailAsync(spec, container, "log", $"failure pattern in log: {hit}", cancellationToken);
                }
            }

            var healthy = true;
            if (gates.ContainerHealthcheck && container.Health != ContainerHealth.None)
            {
                if (container.Health == ContainerHealth.Unhealthy)
                {
                    return await FailAsync(spec, container, "healthcheck", "container HEALTHCHECK reports unhealthy", cancellationToken);
                }

                healthy &= container.Health == ContainerHealth.Healthy;
                (lastGate, lastAnswer) = ("healthcheck", $"HEALTHCHECK {container.Health.ToString().ToLowerInvariant()}");
            }

            if (healthy && gates.Http is { } http)
            {
                var answer = await probe.GetAsync(http.Url, http.Timeout, cancellationToken);
                lastGate = $"http {http.Url}";
                lastAnswer = answer.Error ?? string.Create(CultureInfo.InvariantCulture, $"HTTP {answer.Status}: {answer.BodyExcerpt}");
                healthy &= answer.Status == http.ExpectStatus &&
                           (http.ExpectBody is null || answer.BodyExcerpt.Contains(http.ExpectBody, StringComparison.Ordinal));
            }

            var now = time.GetUtcNow();
            var runningSince = container.StartedAt ?? started;
            if (healthy && now - runningSince >= gates.StableFor)
            {
                progress($"healthy ({lastGate})");
                return null;
            }

            if (now >= deadline)
            {
                return await FailAsync(spec, container, lastGate, $"not healthy within {gates.Deadline.TotalSeconds:0}s; last answer: {lastAnswer}", cancellationToken);
            }

            progress($"waiting: {lastGate}: {lastAnswer}");
            await Task.Delay(poll, time, cancellationToken);
        }
    }

    private async Task<GateFailure> FailAsync(ServiceSpec spec, ObservedContainer container, string gate, string answer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tail;
        try
        {
            tail = await engine.LogsAsync(container.Id, container.StartedAt, 20, cancellationToken);
        }
        catch (ContainerEngineException e)
        {
            tail = [$"(log unavailable: {e.Message})"];
        }

        return new GateFailure(spec.Name, gate, answer, tail);
    }
}
