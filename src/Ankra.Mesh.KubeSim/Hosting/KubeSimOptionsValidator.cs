using System.Net;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>Rejects settings the server cannot run with, naming the setting to fix.</summary>
internal sealed class KubeSimOptionsValidator : IValidateOptions<KubeSimOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeSimOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"{KubeSimOptions.SectionName}:BindAddress must be a loopback address (got '{options.BindAddress}').");
        }

        if (options.HttpsPort is < 0 or > 65535)
        {
            failures.Add($"{KubeSimOptions.SectionName}:HttpsPort must be 0..65535.");
        }

        if (options.HttpPort is < -1 or > 65535)
        {
            failures.Add($"{KubeSimOptions.SectionName}:HttpPort must be -1 (off) or 0..65535.");
        }

        if (string.IsNullOrWhiteSpace(options.AgentToken))
        {
            failures.Add($"{KubeSimOptions.SectionName}:AgentToken must be set.");
        }

        if (options.LogLinesPerSecond <= 0 || options.LogLineBytes < 16)
        {
            failures.Add($"{KubeSimOptions.SectionName}:LogLinesPerSecond must be > 0 and LogLineBytes >= 16.");
        }

        if (options.WatchBufferSize < 1 || options.WatchHistorySize < 1 || options.AuditCapacity < 1 || options.LogBacklogLines < 1)
        {
            failures.Add($"{KubeSimOptions.SectionName}:WatchBufferSize, WatchHistorySize, AuditCapacity and LogBacklogLines must be positive.");
        }

        if (options.BookmarkIntervalSeconds <= 0)
        {
            failures.Add($"{KubeSimOptions.SectionName}:BookmarkIntervalSeconds must be positive.");
        }

        if (options.PodFileSystemBytes <= 0)
        {
            failures.Add($"{KubeSimOptions.SectionName}:PodFileSystemBytes must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
