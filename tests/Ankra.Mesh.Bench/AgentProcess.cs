using System.Globalization;
using Ankra.Mesh.NatsAuth;
using Ankra.Mesh.Tunnel;
using Ankra.Mesh.Tunnel.Agent;
using NATS.Client.Core;

namespace Ankra.Mesh.Bench;

/// <summary>
/// A tunnel agent as a process of its own:
/// <c>agent NATS_URL PREFIX SESSION BACKEND_URL KEEPALIVE_MS IDLE_MS [CREDS_FILE CA_FILE]</c>. With a creds file
/// and a CA it connects as that JWT user over TLS with the CA pinned (a secure NatsServerFixture writes both);
/// without, anonymously. Prints "agent ready" once it serves; runs until killed (the failure tests SIGKILL it mid-stream).
/// </summary>
internal static class AgentProcess
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is not (6 or 8))
        {
            await Console.Error.WriteLineAsync("usage: agent NATS_URL PREFIX SESSION BACKEND_URL KEEPALIVE_MS IDLE_MS [CREDS_FILE CA_FILE]");
            return 2;
        }

        var idle = TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture));
        var options = new TunnelOptions
        {
            KeepaliveInterval = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture)),
            IdleTimeout = idle,
            OpenTimeout = idle,
        };
        var nats = new NatsOpts { Url = args[0], Name = "bench-agent" };
        if (args.Length == 8)
        {
            nats = nats.WithCredsFile(args[6]).WithPinnedCa(args[7]);
        }

        await using var connection = new NatsConnection(nats);
        using var upstream = new HttpMessageInvoker(TunnelUpstream.CreateHandler());
        var settings = new TunnelAgentSettings(args[1], "agents", args[2], new Uri(args[3]));
        await using var server = new TunnelAgentServer(connection, options, settings, upstream);
        await server.StartAsync();
        Console.WriteLine("agent ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
