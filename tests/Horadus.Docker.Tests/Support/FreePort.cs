using System.Net;
using System.Net.Sockets;

namespace Horadus.Docker.Tests.Support;

/// <summary>A free TCP port on 127.0.0.1 (containers run with host networking and listen on loopback only).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
