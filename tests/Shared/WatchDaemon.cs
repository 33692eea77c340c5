using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Horadus.Tests.Shared;

/// <summary>
/// A <c>horadus watch</c> running as its own process (it runs until SIGTERM, so never in-process): its output gathered,
/// every wait on it bounded, and stopped at the end by SIGTERM, then by a kill if it does not go.
/// </summary>
internal sealed class WatchDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WatchDaemon(Process process)
    {
        _process = process;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>dotnet horadus.dll</c> with <paramref name="arguments"/> in <paramref name="directory"/>, with the test's environment plus <paramref name="environment"/>.</summary>
    public static WatchDaemon Start(string directory, IEnumerable<KeyValuePair<string, string?>> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "horadus.dll"), .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        return new WatchDaemon(Process.Start(start)!);
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test if the daemon ends first or <paramref name="limit"/> passes.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var bound = limit ?? TimeSpan.FromSeconds(45);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(_process.HasExited, $"horadus watch ended while waiting for {what}:\n{Log}");
            Assert.True(clock.Elapsed < bound, $"no {what} within {bound.TotalSeconds} s:\n{Log}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGTERM, a bounded wait, then a kill of the whole tree if it is still there.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A webhook on loopback keeping every notification it receives, as parsed JSON.</summary>
internal sealed class NotificationSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();

    public NotificationSink()
    {
        Url = $"http://127.0.0.1:{WatchDaemon.FreeLoopbackPort()}/notify/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public string Url { get; }

    public IReadOnlyList<JsonElement> Received => [.. _received];

    public int Count(string @event) => Received.Count(n => n.GetProperty("event").GetString() == @event);

    public IReadOnlyList<JsonElement> Of(string @event) => [.. Received.Where(n => n.GetProperty("event").GetString() == @event)];

    public string Events => string.Join(", ", Received.Select(n => n.GetProperty("event").GetString()));

    private async Task ReceiveAsync()
    {
        while (true)
        {
            HttpListenerContext request;
            try
            {
                request = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var body = JsonDocument.Parse(request.Request.InputStream))
            {
                _received.Enqueue(body.RootElement.Clone());
            }

            request.Response.StatusCode = (int)HttpStatusCode.NoContent;
            request.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
