using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.PrivateCa;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// `./mesh bench watches [N]`: N idle watches through the mesh (one HTTP/2 client, many connections) from N/200
/// members with a grant and a kube token each — every user stays under the edge's default per-user cap of long-lived requests — then the
/// memory of the edge, the agent, nats-server and this process (which hosts KubeSim and the N clients) before and
/// after, KiB per watch, then one pod change and the time until every watch saw it. The per-cluster caps of the
/// edge, the tunnel and the agent are raised to N for the run (one cluster holds every watch here).
/// </summary>
internal static class WatchesBenchmark
{
    private const int WatchesPerUser = 200;
    private static readonly TimeSpan OpenBudget = TimeSpan.FromSeconds(150);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[^1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10_000;
        var cap = (count + 256).ToString(CultureInfo.InvariantCulture);
        // The tunnel's per-session cap must hold a cluster's quick and long-lived pools together (512 quick by default on both sides).
        var streams = (count + 256 + 1024).ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"starting the stack ({MeshBinaries.Configuration}) with the per-cluster watch caps raised to {cap} …");
        await using var stack = await MeshStack.StartAsync(new MeshStackOptions
        {
            Directory = RepositoryPaths.Combine(".mesh", "bench", "watches"),
            EdgeSettings = new Dictionary<string, string>
            {
                ["Mesh:KubeProxy:MaxLongLivedRequestsPerCluster"] = cap,
                ["Mesh:Tunnel:MaxConcurrentStreamsPerSession"] = streams,
            },
            AgentSettings = new Dictionary<string, string>
            {
                ["Mesh:Agent:MaxConcurrentStreamingRequests"] = cap,
                ["Mesh:Tunnel:MaxConcurrentStreamsPerSession"] = streams,
            },
        });
        using var mesh = await ChainEnvironment.MeshPathAsync(stack);
        var userCount = (count + WatchesPerUser - 1) / WatchesPerUser;
        var users = await WatchUsers.CreateAsync(stack, userCount);
        Console.WriteLine($"{userCount} members, each with a view grant and a kube token; {WatchesPerUser} watches each at most (per-user cap left at its default)");
        var processes = new List<(string Name, int Pid)> { ("edge", stack.Edge.Id), ("agent", stack.Agent!.Id) };
        if (stack.Nats.Process is { } nats)
        {
            processes.Add(("nats-server", nats.Id));
        }

        processes.Add(("bench (KubeSim + clients)", Environment.ProcessId));
        GC.Collect();
        var before = processes.Select(p => ProcessMemory.Read(p.Pid)).ToList();

        using var fleet = new IdleWatchFleet(mesh, users);
        var opening = Stopwatch.StartNew();
        await fleet.OpenAsync(count, parallel: 64, OpenBudget);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{fleet.Open} of {count} watches open in {opening.Elapsed.TotalSeconds:0.0} s; {fleet.Failed} failed{(fleet.FirstError is null ? "" : $" (first: {fleet.FirstError})")}; KubeSim counts {stack.KubeSim.OpenWatches} open"));
        GC.Collect();
        var after = processes.Select(p => ProcessMemory.Read(p.Pid)).ToList();
        Print(processes, before, after, fleet.Open);

        var change = Stopwatch.StartNew();
        await PatchPodAsync(stack);
        var all = await Task.WhenAny(fleet.AllSawChange, Task.Delay(TimeSpan.FromSeconds(60)));
        Console.WriteLine(all == fleet.AllSawChange
            ? string.Create(CultureInfo.InvariantCulture, $"one pod change reached all {fleet.Open} watches in {change.Elapsed.TotalMilliseconds:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"one pod change reached {fleet.SawChange} of {fleet.Open} watches within 60 s"));
        var perWatch = fleet.Open == 0 ? double.NaN : (after[0].RssKib - before[0].RssKib) / (double)fleet.Open;
        var agentPerWatch = fleet.Open == 0 ? double.NaN : (after[1].RssKib - before[1].RssKib) / (double)fleet.Open;
        var met = fleet.Open >= 10_000 && perWatch <= 50 && agentPerWatch <= 50;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done when: [{(met ? "met" : "NOT met")}] 10,000 idle watches at ≤ 50 KiB each on the edge and the agent — {fleet.Open} held, edge {perWatch:0.0} KiB, agent {agentPerWatch:0.0} KiB per watch (RSS)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole run {clock.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    private static void Print(List<(string Name, int Pid)> processes, List<ProcessMemory> before, List<ProcessMemory> after, int open)
    {
        Console.WriteLine();
        Console.WriteLine($"{"process",-28}{"RSS before",12}{"RSS after",12}{"KiB/watch",11}{"private before",16}{"private after",15}{"KiB/watch",11}");
        for (var i = 0; i < processes.Count; i++)
        {
            var rss = open == 0 ? double.NaN : (after[i].RssKib - before[i].RssKib) / (double)open;
            var anonymous = open == 0 ? double.NaN : (after[i].PrivateKib - before[i].PrivateKib) / (double)open;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{processes[i].Name,-28}{before[i].RssKib / 1024.0,10:0.0}Mi{after[i].RssKib / 1024.0,10:0.0}Mi{rss,11:0.0}{before[i].PrivateKib / 1024.0,14:0.0}Mi{after[i].PrivateKib / 1024.0,13:0.0}Mi{anonymous,11:0.0}"));
        }

        Console.WriteLine();
    }

    /// <summary>Changes web-0's labels directly at KubeSim (cluster admin), so every watch gets one MODIFIED event.</summary>
    private static async Task PatchPodAsync(MeshStack stack)
    {
        const string token = "ankra-bench-watches-admin";
        stack.KubeSim.AddUserToken(token, "ankra-bench-watches-admin", "system:masters");
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = PrivateCaTrust.FromFile(stack.KubeSim.CaFile).Validate } })
        {
            BaseAddress = stack.KubeSim.HttpsUrl,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var patch = new StringContent(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["bench-change"] = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) } },
        }.ToJsonString());
        patch.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        using var response = await client.PatchAsync(new Uri("/api/v1/namespaces/demo/pods/web-0", UriKind.Relative), patch);
        response.EnsureSuccessStatusCode();
    }
}
