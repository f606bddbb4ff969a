using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.EndToEnd.Tests.Telemetry;

/// <summary>
/// Operator telemetry against running processes: metrics only on the internal listeners, a bounded <c>cluster</c> label,
/// and every metric that <c>deploy/monitoring</c>'s dashboard and alert rules name exported by the edge, silo or agent
/// after some traffic — a rule on a metric nobody exports never fires, and this test is what says so.
/// </summary>
public sealed class TelemetryTests(TelemetryFixture fixture, ITestOutputHelper output) : IClassFixture<TelemetryFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task Metrics_PublicListenerAnswers404_InternalListenerServesIt()
    {
        using var publicClient = _stack.EdgeClient();
        foreach (var path in (string[])["/metrics", "/readyz", "/livez", "/healthz"])
        {
            using var response = await publicClient.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var url in (string[])[_stack.EdgeHealthUrls[0], _stack.SiloInternalUrls[0], _stack.AgentInternalUrls[0]])
        {
            using var client = MeshStack.InternalClient(url);
            using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Deadline);
            using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(Deadline);
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (metrics.StatusCode, ready.StatusCode));
        }
    }

    [Fact]
    public async Task DashboardAndAlertRules_EveryMetricTheyName_IsExportedByTheRunningProcesses()
    {
        await MakeTrafficAsync();
        var exported = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["edge"] = SeriesNames(await ScrapeAsync(_stack.EdgeHealthUrls[0])),
            ["silo"] = SeriesNames(await ScrapeAsync(_stack.SiloInternalUrls[0])),
            ["agent"] = SeriesNames(await ScrapeAsync(_stack.AgentInternalUrls[0])),
        };
        var all = exported.Values.SelectMany(names => names).ToHashSet(StringComparer.Ordinal);

        var used = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (source, expression) in DashboardExpressions().Concat(AlertRuleExpressions()))
        {
            foreach (var name in PromQlMetricNames.In(expression))
            {
                (used.TryGetValue(name, out var sources) ? sources : used[name] = new SortedSet<string>(StringComparer.Ordinal)).Add(source);
            }
        }

        foreach (var (process, names) in exported)
        {
            output.WriteLine($"{process}: {names.Count} series names: {string.Join(", ", names.Order())}");
        }

        output.WriteLine($"{used.Count} metric names used by the dashboard and the alert rules:");
        foreach (var (name, sources) in used)
        {
            output.WriteLine($"  {name} ({string.Join(", ", exported.Where(e => e.Value.Contains(name)).Select(e => e.Key))}) <- {string.Join("; ", sources)}");
        }

        Assert.True(used.Count >= 10, $"only {used.Count} metric names found in deploy/monitoring: is the parser broken?");
        var missing = used.Where(u => !all.Contains(u.Key)).Select(u => $"{u.Key} (used by {string.Join("; ", u.Value)})").ToList();
        Assert.True(missing.Count == 0, "no running process exports:\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task Metrics_ClusterLabel_NamesTheClusterOnEdgeAndAgent()
    {
        await MakeTrafficAsync();
        var edge = await ScrapeAsync(_stack.EdgeHealthUrls[0]);
        var agent = await ScrapeAsync(_stack.AgentInternalUrls[0]);
        var label = $"cluster=\"{_stack.ClusterId}\"";

        Assert.Contains(edge, line => line.StartsWith("ankra_mesh_kube_proxy_requests_total{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal));
        Assert.Contains(edge, line => line.StartsWith("ankra_mesh_agent_check_ins_total{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal));
        Assert.Contains(agent, line => line.StartsWith("ankra_agent_registered{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)
            && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EdgeLogs_JsonFormatter_OneObjectPerLineWithTraceAndSpanIds()
    {
        await MakeTrafficAsync();
        var log = Path.Combine(_stack.Directory, "logs", "edge.log");
        JsonObject? minted = null;
        foreach (var line in await ReadSharedAsync(log))
        {
            if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject entry && (int?)entry["EventId"] == 5103)
            {
                minted = entry;
            }
        }

        Assert.NotNull(minted);
        output.WriteLine(minted.ToJsonString());
        var scopes = minted["Scopes"]?.AsArray().OfType<JsonObject>() ?? [];
        Assert.Contains(scopes, scope => scope["TraceId"]?.GetValue<string>() is { Length: 32 } && scope["SpanId"]?.GetValue<string>() is { Length: 16 });
    }

    /// <summary>
    /// What the dashboard and the rules need to have happened at least once: kubectl through the tunnel (a mint, a
    /// proxied request, a check-in), a refused mint, a request to a cluster with no agent, a revocation whose access
    /// event the silo delivered.
    /// </summary>
    private async Task MakeTrafficAsync()
    {
        var kubectl = await _stack.KubectlAsync("1.33", "get", "pods");
        Assert.True(kubectl.ExitCode == 0, kubectl.ToString());

        using var admin = _stack.EdgeClient();
        // A sandbox cluster gives nobody kubectl access: minting for it is refused (a mint refusal).
        var sandbox = await CreateClusterAsync(admin, "sandbox");
        using var refused = await admin.PostAsync(new Uri($"/api/v1/clusters/{sandbox}/k8s-token", UriKind.Relative), null).WaitAsync(Deadline);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        // An imported cluster whose agent never connected: its creator's kube request is answered "offline" (503).
        var offline = await CreateClusterAsync(admin, "imported");
        using var minted = await admin.PostAsync(new Uri($"/api/v1/clusters/{offline}/k8s-token", UriKind.Relative), null).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var token = JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var kube = _stack.EdgeClient(token);
        using var answer = await kube.GetAsync(new Uri($"/api/v1/clusters/{offline}/k8s/api", UriKind.Relative)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);

        // A revocation: the silo hands its access event to the bus, and the delivery lag is recorded once NATS confirmed it.
        using var revoked = await admin.PostAsync(new Uri($"/api/v1/clusters/{offline}/access/revoke-all", UriKind.Relative), null).WaitAsync(Deadline);
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        await UntilExportedAsync(_stack.SiloInternalUrls[0], "ankra_mesh_access_event_delivery_lag_seconds_count");
    }

    /// <summary>
    /// Scrapes until <paramref name="name"/> is exported: the silo confirms an event with NATS after the write returned,
    /// and no signal of that leaves the process but the metric itself.
    /// </summary>
    private static async Task UntilExportedAsync(string internalUrl, string name)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!SeriesNames(await ScrapeAsync(internalUrl)).Contains(name))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    private static async Task<string> CreateClusterAsync(HttpClient admin, string kind)
    {
        using var created = await admin.PostAsJsonAsync(new Uri("/api/v1/clusters", UriKind.Relative), new { name = $"t-{Guid.NewGuid():N}"[..20], kind }).WaitAsync(Deadline);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["cluster"]!["id"]!.GetValue<string>();
    }

    private static async Task<string[]> ScrapeAsync(string internalUrl)
    {
        using var client = MeshStack.InternalClient(internalUrl);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Deadline);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The series names of a Prometheus text exposition (<c>name{labels} value</c> or <c>name value</c>).</summary>
    private static HashSet<string> SeriesNames(string[] lines) =>
        lines.Where(line => !line.StartsWith('#'))
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Source, string Expression)> DashboardExpressions()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("deploy", "monitoring", "grafana-dashboard.json")))!;
        return Expressions(dashboard).Select(e => ($"dashboard \"{e.Panel}\"", e.Expression));

        static IEnumerable<(string Panel, string Expression)> Expressions(JsonNode node, string panel = "")
        {
            if (node is JsonObject obj)
            {
                var title = obj["title"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? obj["title"]!.GetValue<string>() : panel;
                foreach (var (key, value) in obj)
                {
                    if (key == "expr" && value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    {
                        yield return (title, value.GetValue<string>());
                    }
                    else if (value is not null)
                    {
                        foreach (var inner in Expressions(value, title))
                        {
                            yield return inner;
                        }
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var inner in array.Where(item => item is not null).SelectMany(item => Expressions(item!, panel)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<(string Source, string Expression)> AlertRuleExpressions()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryPaths.Combine("deploy", "monitoring", "alert-rules.yaml")))
        {
            yaml.Load(reader);
        }

        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        foreach (var rule in groups.Cast<YamlMappingNode>().SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>()))
        {
            var name = rule.Children.TryGetValue("alert", out var alert) ? alert.ToString() : rule["record"].ToString();
            yield return ($"rule {name}", rule["expr"].ToString());
        }
    }

    /// <summary>Reads a log file the edge is still writing.</summary>
    private static async Task<string[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
