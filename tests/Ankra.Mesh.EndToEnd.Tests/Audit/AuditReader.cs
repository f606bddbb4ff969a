using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests.Audit;

/// <summary>Reads the gateway audit the way an admin does: <c>ankra cluster audit -o json</c>.</summary>
internal static class AuditReader
{
    public static async Task<JsonArray> ReadAsync(MeshStack stack)
    {
        var result = await stack.AnkraAsync("cluster", "audit", "--cluster", stack.ClusterId, "--since", "30m", "--limit", "500", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!.AsArray();
    }

    /// <summary>
    /// The first event <paramref name="match"/> accepts. Events reach the database within the flush interval after a
    /// request ends, and the edge exposes no signal for "written", so this asks again every 250 ms until the deadline.
    /// </summary>
    public static async Task<JsonNode> WaitForAsync(MeshStack stack, Func<JsonNode, bool> match, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var events = await ReadAsync(stack);
            if (events.FirstOrDefault(e => e is not null && match(e)) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no audit event for {what} within {timeout.TotalSeconds:0} s; the audit holds:\n{events.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }

    public static string Text(this JsonNode node, string field) => node[field]?.GetValue<string>() ?? "";

    public static long Number(this JsonNode node, string field) => node[field]?.GetValue<long>() ?? -1;

    public static double Double(this JsonNode node, string field) => node[field]?.GetValue<double>() ?? -1;

    public static ProcessResult Require(this ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
