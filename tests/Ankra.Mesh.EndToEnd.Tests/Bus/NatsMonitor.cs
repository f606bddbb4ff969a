using System.Text.Json.Nodes;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>Reads who is connected to a nats-server from its monitoring endpoint (<c>/connz</c>).</summary>
internal static class NatsMonitor
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Names of the client connections of <paramref name="server"/> (empty when it does not answer).</summary>
    public static async Task<IReadOnlyList<string>> ConnectionNamesAsync(NatsServerFixture server)
    {
        try
        {
            var connz = JsonNode.Parse(await Http.GetStringAsync(new Uri($"{server.MonitorUrl}/connz?limit=1024")));
            return [.. (connz?["connections"]?.AsArray() ?? []).Select(c => c?["name"]?.GetValue<string>() ?? string.Empty)];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    /// <summary>True when one of <paramref name="server"/>'s connections is the stack's agent (either lane).</summary>
    public static async Task<bool> HoldsAgentAsync(NatsServerFixture server) =>
        (await ConnectionNamesAsync(server)).Any(name => name.StartsWith("ankra-agent-", StringComparison.Ordinal));
}
