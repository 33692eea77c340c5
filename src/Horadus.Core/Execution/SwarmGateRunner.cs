using System.Globalization;
using Horadus.Core.Ports;
using Horadus.Core.Services;
using Horadus.Core.Swarm;

namespace Horadus.Core.Execution;

/// <summary>
/// Horadus's gates on top of a swarm update: Swarm's update settled (completed, not rolled back by Swarm itself), every
/// task the orchestrator wants running runs the expected secret versions and is <c>running</c> (a task with a HEALTHCHECK
/// stays <c>starting</c> until healthy), no task of those versions failed since the update began, the HTTP gate answering,
/// no failure pattern in the service's logs; all of it for <see cref="HealthGates.StableFor"/> in a row, within the deadline.
/// </summary>
public sealed class SwarmGateRunner(ISwarmEngine swarm, IHttpProbe probe, TimeProvider time, SecretRedactor? redactor = null)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public SecretRedactor Redactor { get; } = redactor ?? SecretRedactor.None;

    /// <param name="expected">The secret names every running task must reference.</param>
    /// <param name="rollback">Gating a return to the previous spec: Swarm then reports a rollback, which is what was asked.</param>
    /// <param name="since">When the update began: failures and log lines before it belong to an earlier attempt.</param>
    /// <param name="service">The swarm service's name, as the plan resolved it.</param>
    public async Task<GateFailure?> WaitSettledAsync(
        ServiceSpec spec,
        string service,
        IReadOnlySet<string> expected,
        DateTimeOffset since,
        Action<string> progress,
        CancellationToken cancellationToken,
        bool rollback = false)
    {
        var gates = spec.Health;
        var deadline = time.GetUtcNow() + gates.Deadline;
        DateTimeOffset? healthySince = null;
        var lastAnswer = "no answer yet";
        var lastKind = GateKind.Running;
        while (true)
        {
            var observed = (await swarm.ObserveAsync([service], cancellationToken)).Service(service);
            if (observed is null)
            {
                return await FailAsync(spec, GateKind.Running, "running", $"swarm service {service} is gone", service, since, cancellationToken);
            }

            if (!rollback && observed.UpdateStatus is SwarmUpdateStatus.RollbackStarted or SwarmUpdateStatus.RollbackCompleted or SwarmUpdateStatus.RollbackPaused or SwarmUpdateStatus.Paused)
            {
                return await FailAsync(spec, GateKind.Running, "running", $"Swarm stopped the update itself ({observed.UpdateStatus})", service, since, cancellationToken);
            }

            var failed = observed.Tasks.FirstOrDefault(t => t.State == SwarmTaskState.Failed && expected.IsSubsetOf(t.SecretNames) && t.Since >= since);
            if (failed is not null)
            {
                return await FailAsync(spec, GateKind.Running, "running", $"task {Short(failed.Id)} on node {Short(failed.NodeId)} failed: {failed.Message}", service, since, cancellationToken);
            }

            var wanted = observed.Tasks.Where(t => t.State != SwarmTaskState.Failed).ToList();
            var onVersions = wanted.Count > 0 && wanted.All(t => expected.IsSubsetOf(t.SecretNames));
            var running = onVersions && wanted.All(t => t.State == SwarmTaskState.Running);
            var settled = rollback
                ? observed.UpdateStatus is SwarmUpdateStatus.RollbackCompleted or SwarmUpdateStatus.Completed or SwarmUpdateStatus.None
                : observed.UpdateStatus is SwarmUpdateStatus.Completed or SwarmUpdateStatus.None;
            (lastKind, lastAnswer) = (GateKind.Running, $"{wanted.Count(t => t.State == SwarmTaskState.Running && expected.IsSubsetOf(t.SecretNames))}/{wanted.Count} task(s) running the expected versions, update {observed.UpdateStatus.ToString().ToLowerInvariant()}");
            var healthy = running && settled;

            if (gates.LogFailurePatterns.Count > 0)
            {
                var logs = await swarm.ServiceLogsAsync(service, since, cancellationToken);
                var hit = logs.FirstOrDefault(line => gates.LogFailurePatterns.Any(p => line.Contains(p, StringComparison.Ordinal)));
                if (hit is not null)
                {
                    var pattern = gates.LogFailurePatterns.First(p => hit.Contains(p, StringComparison.Ordinal));
                    return await FailAsync(spec, GateKind.Log, "log", $"failure pattern '{pattern}' in the service's log: {hit}", service, since, cancellationToken);
                }
            }

            if (healthy && gates.Http is { } http)
            {
                var answer = await probe.GetAsync(http.Url, http.Timeout, cancellationToken);
                lastKind = GateKind.Http;
                lastAnswer = Redactor.Redact(answer.Error ?? string.Create(CultureInfo.InvariantCulture, $"HTTP {answer.Status}: {answer.BodyExcerpt}"));
                healthy = answer.Status == http.ExpectStatus && (http.ExpectBody is null || answer.BodyExcerpt.Contains(http.ExpectBody, StringComparison.Ordinal));
            }

            var now = time.GetUtcNow();
            healthySince = healthy ? healthySince ?? now : null;
            if (healthySince is { } from && now - from >= gates.StableFor)
            {
                progress($"healthy ({wanted.Count} task(s) on the expected versions, stable for {gates.StableFor.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s)");
                return null;
            }

            if (now >= deadline)
            {
                return await FailAsync(spec, lastKind, lastKind == GateKind.Http ? $"http {gates.Http!.Url}" : "running",
                    $"not healthy within {gates.Deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s; last answer: {lastAnswer}", service, since, cancellationToken);
            }

            progress(healthySince is null ? $"waiting: {lastAnswer}" : "passing; holding to be sure");
            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private async Task<GateFailure> FailAsync(ServiceSpec spec, GateKind kind, string gate, string answer, string service, DateTimeOffset since, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tail;
        try
        {
            var logs = await swarm.ServiceLogsAsync(service, since, cancellationToken);
            tail = logs.TakeLast(20).ToList();
        }
        catch (ContainerEngineException e)
        {
            tail = [$"(log unavailable: {e.Message})"];
        }

        return Redactor.Redact(new GateFailure(spec.Name, kind, gate, answer, tail));
    }
}
