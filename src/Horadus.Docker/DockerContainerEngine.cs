using Docker.DotNet;
using Docker.DotNet.Models;
using Horadus.Core.Ports;

namespace Horadus.Docker;

/// <summary>
/// <see cref="IContainerEngine"/> over the Docker Engine API (Docker.DotNet.Enhanced). Its types stay in this project.
/// The API version is negotiated on first use; every engine failure surfaces as a <see cref="ContainerEngineException"/>.
/// </summary>
public sealed partial class DockerContainerEngine : IContainerEngine, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly Uri _endpoint;
    private readonly string _endpointText;
    private readonly BindSourceResolver _bindSources;
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    /// <summary>Where a kill harness may stop a replacement or a restore between two engine calls (nothing armed by default).</summary>
    public IFaultPoints Faults { get; init; } = IFaultPoints.None;

    /// <summary>The clock of the one-offs' expiry labels and of their sweep (time comes from a TimeProvider, not DateTime).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    private DockerClient? _client;
    private EngineInfo? _info;

    /// <param name="dockerHost">The engine address; null reads <c>DOCKER_HOST</c>, and without it the local socket.</param>
    public DockerContainerEngine(string? dockerHost = null)
    {
        _endpoint = DockerEndpoint.Resolve(dockerHost ?? Environment.GetEnvironmentVariable("DOCKER_HOST"));
        _endpointText = _endpoint.OriginalString;
        _bindSources = new BindSourceResolver(DockerEndpoint.IsLocal(_endpoint));
    }

    public async Task<EngineInfo> ConnectAsync(CancellationToken cancellationToken)
    {
        await ClientAsync(cancellationToken);
        return _info!;
    }

    public void Dispose()
    {
        _client?.Dispose();
        _connectLock.Dispose();
    }

    private async Task<DockerClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_client is null)
            {
                (_client, _info) = await NegotiateAsync(cancellationToken);
            }

            return _client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>An unversioned <c>GET /version</c> works on every engine; then a client pinned to the version both sides speak.</summary>
    private async Task<(DockerClient, EngineInfo)> NegotiateAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        VersionResponse version;
        try
        {
            using var probe = new DockerClientBuilder().WithEndpoint(_endpoint).Build();
            version = await probe.System.GetVersionAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw EngineErrors.Unreachable(_endpoint, new TimeoutException($"no answer within {ConnectTimeout.TotalSeconds:0} s", ex));
        }
        catch (DockerApiException ex)
        {
            throw EngineErrors.Refused(_endpointText, "report its version", ex);
        }
        catch (Exception ex) when (EngineErrors.IsTransport(ex))
        {
            throw EngineErrors.Unreachable(_endpoint, ex);
        }

        var apiVersion = ApiVersionNegotiation.Negotiate(_endpointText, version.APIVersion, version.MinAPIVersion);
        var client = new DockerClientBuilder().WithEndpoint(_endpoint).WithApiVersion(apiVersion).Build();
        var info = new EngineInfo(_endpointText, version.Version, apiVersion.ToString(2), version.Os);
        return (client, info);
    }

    private async Task<T> CallAsync<T>(
        string action,
        Func<DockerClient, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        IEnumerable<string>? secrets = null)
    {
        var client = await ClientAsync(cancellationToken);
        try
        {
            return await call(client, cancellationToken);
        }
        catch (DockerApiException ex)
        {
            throw EngineErrors.Refused(_endpointText, action, ex, secrets);
        }
        catch (Exception ex) when (EngineErrors.IsTransport(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw EngineErrors.Unreachable(_endpoint, ex);
        }
    }

    private Task CallAsync(string action, Func<DockerClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(action, async (client, ct) =>
        {
            await call(client, ct);
            return true;
        }, cancellationToken);
}
