using Ankra.Mesh.KubeSim.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>The executable: start, print where it listens and where the CA is, run until stopped.</summary>
internal static class KubeSimProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var certificates = CertificateAuthority.Create();
        var app = KubeSimServer.Build(args, null, certificates, quiet: false);
        var options = app.Services.GetRequiredService<IOptions<KubeSimOptions>>().Value;
        var caFile = string.IsNullOrEmpty(options.CaFile) ? Path.Combine(Path.GetTempPath(), $"kubesim-ca-{Environment.ProcessId}.crt") : options.CaFile;
        await File.WriteAllTextAsync(caFile, certificates.CaPem);
        await app.StartAsync();
        var (https, http) = KubeSimServer.Addresses(app);
        KubeSimLog.Listening(app.Services.GetRequiredService<ILogger<AuditLog>>(), https.ToString(), http?.ToString() ?? "(http off)", caFile);
        await Console.Out.WriteLineAsync($"KubeSim listening https={https} http={http} ca={caFile}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
