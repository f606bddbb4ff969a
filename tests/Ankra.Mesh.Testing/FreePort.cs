using System.Net;
using System.Net.Sockets;

namespace Ankra.Mesh.Testing;

/// <summary>Finds loopback TCP ports that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>
    /// Asks the kernel for an unused loopback port. Another process could take it before ours binds;
    /// fixtures that start servers retry with a new port when the server reports the port in use.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
