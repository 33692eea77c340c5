using Microsoft.Extensions.Logging;

namespace Horadus.Cli.Watching;

/// <summary>The daemon's log events, each with a fixed id so that alerts and searches can rely on it.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "horadus watch started: {Manifest}, every {Interval}, policy {Policy}")]
    public static partial void Started(ILogger logger, string manifest, TimeSpan interval, string policy);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "cycle: {State} (live {Live}, {DriftItems} difference(s)) in {Took} ms")]
    public static partial void Cycle(ILogger logger, string state, string? live, int driftItems, long took);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "cycle failed: {Message}; next try in {Delay}")]
    public static partial void CycleError(ILogger logger, string? message, TimeSpan delay);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Event} (live {Live}): {Message}")]
    public static partial void Transition(ILogger logger, string @event, string? live, string message);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "webhook {Url} did not take the {Event} notification: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, string url, string @event, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "suspended by {By} since {Since}: {Reason}; detecting only")]
    public static partial void Suspended(ILogger logger, string by, DateTimeOffset since, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "metrics on http://{Host}:{Port}/metrics")]
    public static partial void Metrics(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "horadus watch stopping")]
    public static partial void Stopping(ILogger logger);
}
