using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Horadus.Cli.Rendering;
using Horadus.Core.Serialization;
using Horadus.Core.Watching;
using Microsoft.Extensions.Logging;

namespace Horadus.Cli.Watching;

/// <summary>
/// POSTs one JSON document per state transition to the operator's webhook (5 s timeout, 3 tries with backoff). It carries
/// states, stamps, counts and messages that hold fingerprints at most: never a value. A webhook that is down is logged,
/// never fatal.
/// </summary>
internal sealed class WebhookNotifier(Uri url, TimeProvider time, ILogger logger) : IWatchNotifier, IDisposable
{
    private static readonly JsonTypeInfo<Notification> Json = HoradusJson.Options(CliJsonContext.Default).Info<Notification>();

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

    public sealed record Notification(string Event, DateTimeOffset At, string Host, CycleState State, string? Live, string? Revision, IReadOnlyDictionary<string, int> Drift, string? Message);

    public async Task SendAsync(WatchEvent watchEvent, CycleOutcome outcome, CancellationToken cancellationToken)
    {
        var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(watchEvent.ToString());
        var body = new Notification(name, outcome.At, Environment.MachineName, outcome.State, outcome.Live, outcome.Revision,
            outcome.Drift.ToDictionary(d => JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Key.ToString()), d => d.Value), outcome.Message);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                using var response = await _client.PostAsJsonAsync(url, body, Json, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                reason = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reason = e.Message;
            }

            if (attempt == 3)
            {
                WatchLog.WebhookFailed(logger, Redacted(url), name, reason);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
        }
    }

    /// <summary>A webhook URL may carry a token: the log names its host and path only.</summary>
    public static string Redacted(Uri url) => $"{url.Scheme}://{url.Host}:{url.Port}{url.AbsolutePath}";

    public void Dispose() => _client.Dispose();
}
