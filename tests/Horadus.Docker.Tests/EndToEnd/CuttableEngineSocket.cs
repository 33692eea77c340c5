using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Horadus.Docker.Tests.EndToEnd;

/// <summary>
/// A unix-socket proxy in front of the shared engine's socket, for a daemon that "goes away" without stopping the daemon
/// other tests use: horadus is pointed at it with DOCKER_HOST, and <see cref="Cut"/> drops every open connection and closes
/// each new one at once, as a daemon that died would, until <see cref="Restore"/>. It can cut itself just after it forwards
/// a request whose text holds a trigger (<c>/rename</c>, <c>/start</c>), so the daemon has the request but horadus never
/// hears back.
/// </summary>
internal sealed class CuttableEngineSocket : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string _upstream;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private volatile string? _trigger;

    private CuttableEngineSocket(string path, string upstream)
    {
        Path = path;
        _upstream = upstream;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(64);
        _accepting = Task.Run(AcceptAsync);
    }

    public string Path { get; }

    public string Endpoint => "unix://" + Path;

    public bool IsCut => _cut;

    /// <summary>Listens at <paramref name="path"/> and forwards to the engine at <paramref name="engineEndpoint"/> (unix:// only).</summary>
    public static CuttableEngineSocket Start(string path, string engineEndpoint)
    {
        var upstream = new Uri(engineEndpoint);
        Assert.SkipUnless(upstream.Scheme == "unix", $"the engine is at {engineEndpoint}: the proxy forwards to a unix socket only");
        return new CuttableEngineSocket(path, upstream.AbsolutePath);
    }

    /// <summary>Cuts right after forwarding the first request that holds <paramref name="text"/>.</summary>
    public void CutAfterRequestHolding(string text) => _trigger = text;

    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Close(socket);
        }
    }

    public void Restore()
    {
        _trigger = null;
        _cut = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Cut();
        _listener.Dispose();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Close(client);
                continue;
            }

            var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await engine.ConnectAsync(new UnixDomainSocketEndPoint(_upstream));
            _open[client] = 0;
            _open[engine] = 0;
            _ = Task.Run(() => PumpAsync(client, engine, watch: true));
            _ = Task.Run(() => PumpAsync(engine, client, watch: false));
        }
    }

    /// <summary>Copies one direction until either side closes; the requests (client to engine) are watched for the trigger.</summary>
    private async Task PumpAsync(Socket from, Socket to, bool watch)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                if (watch && _trigger is { } trigger && Encoding.ASCII.GetString(buffer, 0, read).Contains(trigger, StringComparison.Ordinal))
                {
                    _trigger = null;
                    Cut();
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The other side, or a cut, closed it.
        }
        finally
        {
            Close(from);
            Close(to);
        }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
