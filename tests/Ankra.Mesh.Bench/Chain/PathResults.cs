namespace Ankra.Mesh.Bench.Chain;

/// <summary>Every sample one path collected over all rounds, and the first error of each kind.</summary>
internal sealed class PathResults(string name)
{
    public string Name { get; } = name;

    public List<double> GetMs { get; } = [];

    public List<double> Rps { get; } = [];

    public int GetFailures { get; set; }

    public List<double> ListMbps { get; } = [];

    public int ListFailures { get; set; }

    public List<double> WatchHeadMs { get; } = [];

    public List<double> WatchHeadH2Ms { get; } = [];

    public List<double> ExecMbps { get; } = [];

    public int ExecFailures { get; set; }

    public List<double> EchoMs { get; } = [];

    public List<double> KubectlMs { get; } = [];

    /// <summary>Bytes the edge and agent wrote to their logs during this path's small-GET phases (mesh only).</summary>
    public long EdgeLogBytes { get; set; }

    public long AgentLogBytes { get; set; }

    /// <summary>Requests sent in those phases, failed ones included.</summary>
    public long LoggedRequests { get; set; }

    /// <summary>CPU time per process (bench process = clients + in-process KubeSim) over the c=32 small-GET phases.</summary>
    public Dictionary<string, TimeSpan> GetCpu { get; } = [];

    /// <summary>Requests those phases completed.</summary>
    public long GetCpuRequests { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Runs one probe; a failure is counted and its first message kept, never thrown.</summary>
    public async Task<bool> TryAsync(string figure, Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception exception)
        {
            Errors.TryAdd(figure, $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0]}");
            return false;
        }
    }
}
