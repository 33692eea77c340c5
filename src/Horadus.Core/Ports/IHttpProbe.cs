namespace Horadus.Core.Ports;

public interface IHttpProbe
{
    Task<HttpProbeResult> GetAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken);
}
