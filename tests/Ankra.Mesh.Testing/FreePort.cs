using System.Net;
using System.Net.Sockets;

namespace Ankra.Mesh.Testing;

/// <summary>Finds loopback TCP ports that nothing listens on.</summary>
public static class FreePort
{
    // Below the kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768–60999 on Linux). A port the kernel hands
    // out for port 0 lies inside that range, and until our server binds it any outgoing connection of any process (a
    // kubectl, a NATS client) may take it as its local port: "address already in use" at start, seen in CI once every
    // process got an internal listener. Ports below the range are never picked for outgoing connections.
    private const int First = 20_000;
    private const int Count = 12_000;

    // Handed out in turn from a random start, so one process never gets the same port twice and two runs rarely overlap.
    private static int _next = Random.Shared.Next(Count);

    /// <summary>A loopback port outside the ephemeral range that nothing listens on right now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {First + Count - 1}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
