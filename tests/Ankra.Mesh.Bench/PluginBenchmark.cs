using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ankra.Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Bench;

/// <summary>
/// `Ankra.Mesh.Bench plugin [RUNS]`: wall time of `ankra cluster kube-token` with a cached token — what
/// kubectl pays before every command — for the Native AOT binary (`./mesh build`) and the JIT apphost,
/// interleaved run by run so machine noise hits both alike. A local stand-in for the mint endpoint serves
/// the first call of each binary, which fills the cache the way a user's first kubectl command does; a
/// timed run that reaches the API is reported as an error, since it would not be measuring the cached path.
/// </summary>
internal static class PluginBenchmark
{
    private const string ClusterId = "1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[^1], CultureInfo.InvariantCulture, out var r) ? r : 30;
        var binaries = new[] { ("aot", MeshBinaries.Ankra), ("jit", JitApphost()) };
        var mints = 0;
        await using var api = await StartMintEndpointAsync(() => Interlocked.Increment(ref mints));
        var home = Directory.CreateTempSubdirectory("ankra-bench-home-").FullName;
        try
        {
            // Each binary mints once (and caches), then warms the page cache: neither pays a first-run cost in the timing.
            foreach (var (_, path) in binaries)
            {
                for (var warm = 0; warm < 3; warm++)
                {
                    Run(path, home, api.Url);
                }
            }

            var minted = mints;
            var times = binaries.ToDictionary(binary => binary.Item1, _ => new List<double>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, path) in binaries)
                {
                    times[name].Add(Run(path, home, api.Url).TotalMilliseconds);
                }
            }

            if (mints != minted)
            {
                await Console.Error.WriteLineAsync($"error: {mints - minted} timed runs minted a token instead of using the cache");
                return 1;
            }

            Console.WriteLine($"ankra cluster kube-token, cached token, {runs} interleaved runs each (wall time, process start to exit)");
            foreach (var (name, path) in binaries)
            {
                var sorted = times[name].Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: median {Percentile(sorted, 0.5):0.0} ms  p90 {Percentile(sorted, 0.9):0.0} ms  min {sorted[0]:0.0} ms  ({path}, {DeployedMebibytes(name, path):0.0} MiB deployed)"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    // The AOT build is one file; the JIT build is its apphost plus the assemblies beside it (and needs a .NET runtime).
    private static double DeployedMebibytes(string name, string path) => (name == "aot"
        ? new FileInfo(path).Length
        : new DirectoryInfo(Path.GetDirectoryName(path)!).EnumerateFiles().Where(file => file.Extension != ".pdb").Sum(file => file.Length)) / 1048576.0;

    private static string JitApphost() =>
        Path.Combine(Path.GetDirectoryName(MeshBinaries.PathOf("Ankra.Mesh.Cli", "ankra"))!, "ankra");

    private static TimeSpan Run(string binary, string home, string apiUrl)
    {
        var startInfo = new ProcessStartInfo(binary)
        {
            ArgumentList = { "cluster", "kube-token", "--cluster", ClusterId, "--token", "bench-api-token", "--base-url", apiUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["HOME"] = home;
        startInfo.Environment.Remove("XDG_CACHE_HOME");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunTimeout))
        {
            process.Kill();
            throw new TimeoutException($"{binary} did not exit within {RunTimeout.TotalSeconds:0} s");
        }

        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0 || !output.Result.Contains("ExecCredential", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{binary} exited {process.ExitCode}: {output.Result}{error.Result}");
        }

        return elapsed;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static async Task<MintEndpoint> StartMintEndpointAsync(Action minted)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/v1/clusters/{id}/k8s-token", (string id) =>
        {
            minted();
            return Results.Json(new Dictionary<string, string>
            {
                ["token"] = "bench-kube-token",
                ["server"] = $"https://127.0.0.1/api/v1/clusters/{id}/k8s",
                ["expires_at"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
            });
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MintEndpoint(app, url);
    }

    private sealed record MintEndpoint(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
