namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>Settings of the simulated API server, bound from <c>Mesh:KubeSim</c>.</summary>
public sealed class KubeSimOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mesh:KubeSim";

    /// <summary>Loopback address to bind (never a public one).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTPS port; 0 picks a free one.</summary>
    public int HttpsPort { get; set; }

    /// <summary>Plain HTTP port; 0 picks a free one, -1 disables HTTP.</summary>
    public int HttpPort { get; set; }

    /// <summary>Where the generated CA certificate (PEM) is written; empty: a new temporary file.</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Bearer token of the agent's service account <c>system:serviceaccount:ankra:ankra-agent</c>.</summary>
    public string AgentToken { get; set; } = "kubesim-agent-token";

    /// <summary>User tokens: token → <c>user</c> or <c>user:group1,group2</c>.</summary>
    public Dictionary<string, string> UserTokens { get; set; } = [];

    /// <summary>Log lines each simulated container writes per second.</summary>
    public double LogLinesPerSecond { get; set; } = 2;

    /// <summary>Size of each generated log line in bytes, newline included.</summary>
    public int LogLineBytes { get; set; } = 80;

    /// <summary>Most lines a non-follow log request returns when no tailLines/sinceSeconds limits it.</summary>
    public int LogBacklogLines { get; set; } = 10_000;

    /// <summary>Events each watcher may have queued; a watcher further behind is closed.</summary>
    public int WatchBufferSize { get; set; } = 1_000;

    /// <summary>Changes per resource kept for watches that resume from a resourceVersion; older ones answer 410.</summary>
    public int WatchHistorySize { get; set; } = 10_000;

    /// <summary>Seconds between BOOKMARK events on watches that asked for them.</summary>
    public double BookmarkIntervalSeconds { get; set; } = 60;

    /// <summary>Entries the audit trail keeps (oldest dropped first).</summary>
    public int AuditCapacity { get; set; } = 100_000;

    /// <summary>
    /// Bytes of file content each pod's in-memory file system holds (what <c>kubectl cp</c> and the built-in
    /// <c>tar</c> write); a write past it fails with "No space left on device".
    /// </summary>
    public long PodFileSystemBytes { get; set; } = Streaming.Exec.FileSystem.PodFileSystem.DefaultCapacityBytes;
}
