using System.Collections.Concurrent;
using System.Net;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>
/// A stack whose cluster holds namespaces of ConfigMaps sized so that one LIST is about 1, 2, 8 and 64 MB,
/// and a pod whose log is produced as fast as it is read. Direct answers are hashed once and cached, so every
/// mesh answer is compared byte for byte with what the API server itself sends.
/// </summary>
public sealed class DataPathFixture : StackFixture
{
    /// <summary>LIST sizes in MB; each is one namespace of 4 KiB ConfigMaps named <c>list-{MB}mb</c>.</summary>
    public static readonly int[] ListMegabytes = [1, 2, 8, 64];

    /// <summary>The pod whose log the 200 MB test reads (one line per ~512 bytes, millions of lines a second).</summary>
    public const string FastLogPod = "firehose";

    private const int ValueBytes = 4096;
    private readonly ConcurrentDictionary<string, Task<Transfer>> _direct = new(StringComparer.Ordinal);

    public string KubeToken { get; private set; } = "";

    /// <summary>
    /// Every answer is compared byte for byte with the API server's, a LIST's resourceVersion included. Renewing
    /// the reconciler's Lease is a write that moves that version (as in a real cluster), so the lease is made
    /// long enough that no renewal falls inside this class's run.
    /// </summary>
    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        AgentSettings = new Dictionary<string, string> { ["Mesh:Agent:LeaseDuration"] = "01:00:00" },
    };

    public static string ListPath(int megabytes) => $"/api/v1/namespaces/list-{megabytes}mb/configmaps";

    public static string LogPath(long bytes) =>
        $"/api/v1/namespaces/demo/pods/{FastLogPod}/log?follow=true&sinceSeconds=999999999&limitBytes={bytes}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var megabytes in ListMegabytes)
        {
            // A ConfigMap of a 4 KiB value serialises to a little over 4.1 KiB in a LIST.
            Stack.SeedConfigMaps($"list-{megabytes}mb", megabytes * 1024 * 1024 / (ValueBytes + 120), ValueBytes);
        }

        Stack.KubeSim.Seed($$"""
            { "apiVersion": "v1", "kind": "Pod",
              "metadata": { "name": "{{FastLogPod}}", "namespace": "demo", "creationTimestamp": "2026-01-01T00:00:00Z",
                "annotations": { "kubesim.ankra.io/log-lines-per-second": "100000000", "kubesim.ankra.io/log-line-bytes": "512" } },
              "spec": { "containers": [ { "name": "main", "image": "busybox:1.36" } ] } }
            """);
        // A pod that logs one line an hour: `logs -f --tail=0` has nothing to send for a long time.
        Stack.KubeSim.Seed("""
            { "apiVersion": "v1", "kind": "Pod",
              "metadata": { "name": "quiet", "namespace": "demo", "annotations": { "kubesim.ankra.io/log-lines-per-second": "0.0003" } },
              "spec": { "containers": [ { "name": "main", "image": "busybox:1.36" } ] } }
            """);
        KubeToken = await Stack.KubeTokenAsync();
    }

    /// <summary>What the API server itself answers for <paramref name="path"/> (hashed once per path).</summary>
    public Task<Transfer> DirectAsync(string path) => _direct.GetOrAdd(path, async p =>
    {
        using var client = Stack.DirectKubeClient(HttpVersion.Version20);
        return await Transfer.GetAsync(client, p, ReaderSpeed.Fast);
    });
}
