using System.Text;
using Horadus.Core.Ports;

namespace Horadus.Host.Http;

/// <summary>Probes a health URL with a per-try timeout; reports the status and the start of the body.</summary>
public sealed class HttpHealthProbe : IHttpProbe, IDisposable
{
    private const int ExcerptLength = 200;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<HttpProbeResult> GetAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var perTry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        perTry.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, perTry.Token);
            var body = await response.Content.ReadAsStringAsync(perTry.Token);
            var excerpt = body.Length > ExcerptLength ? body[..ExcerptLength] + "…" : body;
            return new HttpProbeResult((int)response.StatusCode, excerpt.Trim(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpProbeResult(null, string.Empty, $"no answer within {timeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException e)
        {
            return new HttpProbeResult(null, string.Empty, Flatten(e));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Flatten(Exception e)
    {
        var text = new StringBuilder(e.Message);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(": ").Append(inner.Message);
        }

        return text.ToString();
    }
}
