using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Horadus.Core.Ports;

namespace Horadus.Docker;

public sealed partial class DockerContainerEngine
{
    private const string OneOffLabel = Horadus.Core.Services.HoradusLabels.OneOff;

    /// <summary>When a one-off may be removed by anyone: unix seconds (this host's clock) past its timeout and the reading of its output.</summary>
    private const string OneOffExpiresLabel = Horadus.Core.Services.HoradusLabels.OneOffExpires;

    /// <summary>What a one-off may take beyond its timeout: the kill, the wait and reading its log.</summary>
    private static readonly TimeSpan OneOffGrace = TimeSpan.FromMinutes(2);

    /// <summary>How long a one-off of an older version (no expiry label) is left alone after it was created.</summary>
    private static readonly TimeSpan UnlabelledOneOffAge = TimeSpan.FromHours(1);

    private static readonly TimeSpan UserLookupTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<(string Image, string User), Lazy<Task<(int, int)>>> _imageUsers = new();
    private readonly Lock _oneOffSweepLock = new();
    private Task? _oneOffSweep;

    public async Task<IReadOnlyList<string>> LogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken)
    {
        var lines = await ReadLogsAsync(containerId, since, tail, cancellationToken);
        return tail >= 0 && lines.Count > tail ? lines[^tail..] : lines;
    }

    public async Task<OneOffResult> RunOneOffAsync(OneOffSpec spec, CancellationToken cancellationToken)
    {
        await RemoveExpiredOneOffsAsync(cancellationToken);
        var like = spec.LikeContainerId is { } likeId ? await InspectRawAsync(likeId, cancellationToken) : null;
        var template = like?.Config;
        var templateHost = like?.HostConfig;
        var env = template is null
            ? spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList()
            : EnvironmentEntries.WithOverrides(template.Env, spec.Environment);
        var secrets = EnvironmentEntries.Values(env).ToList();
        var parameters = new CreateContainerParameters
        {
            Image = spec.Image,
            Cmd = spec.Command.ToList(),
            User = spec.User ?? template?.User ?? string.Empty,
            Env = env,
            // Only Horadus's own labels: a copy of compose's would make the one-off look like a service container.
            Labels = new Dictionary<string, string>
            {
                [Horadus.Core.Services.ObservedContainer.ManagedLabel] = "true",
                [OneOffLabel] = "true",
                [OneOffExpiresLabel] = ExpiresAt(spec.Timeout).ToString(CultureInfo.InvariantCulture),
            },
            // Host network (or the service's own mode) keeps it off private ranges; everything it sees of the host is read-only.
            HostConfig = new HostConfig
            {
                NetworkMode = templateHost?.NetworkMode is { Length: > 0 } mode ? mode : "host",
                Binds = spec.Mounts.Select(m => $"{m.Source}:{m.Destination}:ro").ToList(),
            },
        };
        if (template is not null)
        {
            parameters.Entrypoint = template.Entrypoint;
            parameters.WorkingDir = template.WorkingDir;
        }

        if (spec.Entrypoint is { } entrypoint)
        {
            // An empty list (not null) is what tells the engine to drop the image's entrypoint, as `--entrypoint ''` does.
            parameters.Entrypoint = entrypoint.ToList();
        }

        var id = (await CallAsync($"create a one-off container of {spec.Image}", (c, ct) => c.Containers.CreateContainerAsync(parameters, ct), cancellationToken, secrets)).ID;
        try
        {
            await StartAsync(id, $"start a one-off container of {spec.Image}", cancellationToken);
            var (exitCode, timedOut) = await WaitOrKillAsync(id, spec.Timeout, cancellationToken);
            var output = await ReadLogsAsync(id, since: null, tail: -1, cancellationToken);
            return new OneOffResult(exitCode, string.Join('\n', output), timedOut);
        }
        finally
        {
            await RemoveAsync(id, $"remove the one-off container {AsideContainers.ShortId(id)}", CancellationToken.None);
        }
    }

    /// <summary>
    /// One-offs are removed when they end, but not when Horadus is killed meanwhile (kill -9, power loss): the container stays,
    /// running or exited, with its environment (a copy of the service's) and its output (the pre-flight's, which may show
    /// secrets). They are ours and disposable, so before running one, the engine removes, once per engine instance, every
    /// container labelled <c>horadus.managed</c> and <c>horadus.oneoff</c> whose <c>horadus.oneoff.expires</c> has passed
    /// (its timeout plus <see cref="OneOffGrace"/>: the process that made it would have killed and removed it by then; a
    /// younger one may belong to another horadus running now and is left alone). One made before that label existed
    /// expires <see cref="UnlabelledOneOffAge"/> after it was created. A failure here is not the one-off's failure: it is
    /// housekeeping, tried again by the next engine.
    /// </summary>
    private Task RemoveExpiredOneOffsAsync(CancellationToken cancellationToken)
    {
        lock (_oneOffSweepLock)
        {
            _oneOffSweep ??= SweepOneOffsAsync(cancellationToken);
            return _oneOffSweep;
        }
    }

    private async Task SweepOneOffsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Time.GetUtcNow();
            var listed = await ListAsync([$"{Horadus.Core.Services.ObservedContainer.ManagedLabel}=true", $"{OneOffLabel}=true"], "list one-off containers", cancellationToken);
            foreach (var oneOff in listed.Where(c => IsExpired(c, now)))
            {
                await RemoveAsync(oneOff.ID, $"remove the leftover one-off container {AsideContainers.ShortId(oneOff.ID)}", cancellationToken);
            }
        }
        catch (Exception e) when (e is ContainerEngineException or OperationCanceledException)
        {
            // Housekeeping: the one-off itself reports an engine that does not answer, or the cancellation.
        }
    }

    internal static bool IsExpired(ContainerListResponse oneOff, DateTimeOffset now)
    {
        if (oneOff.Labels is not null && oneOff.Labels.TryGetValue(OneOffExpiresLabel, out var text))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) && expires < now.ToUnixTimeSeconds();
        }

        var created = oneOff.Created.Kind == DateTimeKind.Local ? oneOff.Created.ToUniversalTime() : DateTime.SpecifyKind(oneOff.Created, DateTimeKind.Utc);
        return oneOff.Created != default && new DateTimeOffset(created) + UnlabelledOneOffAge < now;
    }

    private long ExpiresAt(TimeSpan timeout) =>
        (Time.GetUtcNow() + timeout + OneOffGrace).ToUnixTimeSeconds();

    /// <summary>
    /// Asked once per image and user for the life of this engine (the manifest's uid and gid usually name the same pair),
    /// with one run of <c>id USER</c>, whose answer POSIX fixes as <c>uid=N(name) gid=N(name) ...</c>.
    /// </summary>
    public Task<(int Uid, int Gid)> ResolveImageUserAsync(string image, string user, CancellationToken cancellationToken) =>
        _imageUsers.GetOrAdd((image, user), key => new Lazy<Task<(int, int)>>(() => ResolveUncachedAsync(key.Image, key.User, cancellationToken))).Value;

    /// <summary>
    /// As the runbook does it, <c>docker run --rm --entrypoint id IMAGE ...</c>: the entrypoint is always replaced, since an
    /// image's own (often a script that starts the app) would otherwise run with <c>id</c> as its arguments.
    /// </summary>
    private async Task<(int Uid, int Gid)> ResolveUncachedAsync(string image, string user, CancellationToken cancellationToken)
    {
        var command = $"docker run --rm --entrypoint id {image} {user}";
        OneOffResult result;
        try
        {
            result = await RunOneOffAsync(
                new OneOffSpec(image, [user], null, [], new Dictionary<string, string>(), UserLookupTimeout, Entrypoint: ["id"]), cancellationToken);
        }
        catch (ContainerEngineException e)
        {
            throw new ContainerEngineException($"`{command}` could not run: {e.Message}", e);
        }

        var answer = result.Output.Trim();
        if (result.TimedOut)
        {
            throw new ContainerEngineException($"`{command}` did not finish within {UserLookupTimeout.TotalSeconds:0} s.");
        }

        if (result.ExitCode != 0)
        {
            throw new ContainerEngineException(
                $"`{command}` exited {result.ExitCode} ({Shortened(answer.Split('\n')[0])}). " +
                $"Check that user '{user}' exists in image {image} (and that the image has an `id` program), or give numeric uid/gid in the manifest.");
        }

        var ids = IdAnswer().Match(answer);
        return ids.Success
            && int.TryParse(ids.Groups["uid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && int.TryParse(ids.Groups["gid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? (uid, gid)
            : throw new ContainerEngineException($"`{command}` answered '{Shortened(answer)}', not uid=N(...) gid=N(...).");
    }

    /// <summary>The start of <c>id USER</c>'s answer in the POSIX locale; the names in brackets are missing for unnamed ids.</summary>
    [GeneratedRegex(@"^uid=(?<uid>[0-9]+)(\([^)]*\))? gid=(?<gid>[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex IdAnswer();

    private static string Shortened(string text) => text.Length > 200 ? text[..200] : text;

    private async Task<(long ExitCode, bool TimedOut)> WaitOrKillAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var exited = await CallAsync("wait for a one-off container", (c, ct) => c.Containers.WaitContainerAsync(id, ct), deadline.Token);
            return (exited.StatusCode, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await CallAsync("kill a one-off container past its timeout", (c, ct) => c.Containers.KillContainerAsync(id, new ContainerKillParameters(), ct), CancellationToken.None);
            var killed = await CallAsync("wait for a killed one-off container", (c, ct) => c.Containers.WaitContainerAsync(id, ct), CancellationToken.None);
            return (killed.StatusCode, true);
        }
    }

    private Task<List<string>> ReadLogsAsync(string containerId, DateTimeOffset? since, int tail, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Tail = tail >= 0 ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            Since = since is { } at ? (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) : null,
        };
        return CallAsync(
            $"read the logs of container {AsideContainers.ShortId(containerId)}",
            async (c, ct) =>
            {
                using var stream = await c.Containers.GetContainerLogsAsync(containerId, parameters, ct);
                return await LogLines.ReadAsync(stream, ct);
            },
            cancellationToken);
    }
}
