namespace Ankra.Mesh.Bench;

/// <summary>Direct Kestrel vs through the tunnel (filled in below).</summary>
internal static class TunnelBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
