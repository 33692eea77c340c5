using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Horadus.Core.Ports;

namespace Horadus.Docker;

/// <summary>
/// Turns client-library failures into <see cref="ContainerEngineException"/>s that say where and what to check.
/// The daemon's reply is scrubbed of known environment values and never attached as an inner exception (it may echo them).
/// </summary>
internal static class EngineErrors
{
    public static ContainerEngineException Unreachable(Uri endpoint, Exception cause) => new(
        $"Cannot reach the Docker engine at {endpoint.OriginalString} ({Reason(endpoint, cause)}). Check that dockerd is running, " +
        "that DOCKER_HOST points to it (unix:///var/run/docker.sock by default) and that this user may open its socket.",
        cause);

    /// <summary>A missing unix socket reads as "Cannot assign requested address" from the socket layer: say it plainly.</summary>
    private static string Reason(Uri endpoint, Exception cause) =>
        endpoint.Scheme == "unix" && !File.Exists(endpoint.AbsolutePath) ? $"no socket at {endpoint.AbsolutePath}" : Describe(cause);

    /// <summary>Connection-level failures; the TCP handler wraps them in an AggregateException.</summary>
    public static bool IsTransport(Exception ex) => ex switch
    {
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransport),
        _ => ex.InnerException is { } inner && IsTransport(inner),
    };

    public static ContainerEngineException Refused(string endpoint, string action, DockerApiException ex, IEnumerable<string>? secrets = null)
    {
        var message = Redact(DaemonMessage(ex.ResponseBody), secrets);
        var status = ex.StatusCode == HttpStatusCode.NotFound ? "not found" : $"HTTP {(int)ex.StatusCode}";
        return new ContainerEngineException($"The Docker engine at {endpoint} refused to {action}: {status}: {message}");
    }

    public static string Redact(string text, IEnumerable<string>? secrets)
    {
        foreach (var secret in (secrets ?? []).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private static string DaemonMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no message)";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body.Trim();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body is the message.
        }

        return body.Trim();
    }

    private static string Describe(Exception cause)
    {
        var innermost = cause;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }
}
