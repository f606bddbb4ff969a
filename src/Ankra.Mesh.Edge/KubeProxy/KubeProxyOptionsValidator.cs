using Ankra.Mesh.Tunnel;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Refuses kube proxy settings that cannot work, naming the setting to fix.</summary>
internal sealed class KubeProxyOptionsValidator(IOptions<TunnelOptions> tunnel) : IValidateOptions<KubeProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeProxyOptions options)
    {
        const string S = KubeProxyOptions.Section;
        var failures = new List<string>();
        if (options.ActivityTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:ActivityTimeout must be positive (it bounds idle exec and port-forward sessions).");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(options.MaxQuickRequestsPerUser), options.MaxQuickRequestsPerUser),
            (nameof(options.MaxLongLivedRequestsPerUser), options.MaxLongLivedRequestsPerUser),
            (nameof(options.MaxQuickRequestsPerCluster), options.MaxQuickRequestsPerCluster),
            (nameof(options.MaxLongLivedRequestsPerCluster), options.MaxLongLivedRequestsPerCluster),
        })
        {
            if (value < 1)
            {
                failures.Add($"{S}:{setting} must be at least 1 (got {value}).");
            }
        }

        // The tunnel counts every stream of a cluster through this edge in one number. Were it lower than the two
        // pools together, a cluster's long-lived streams could fill it and refuse the quick requests the pools keep apart.
        var streams = tunnel.Value.MaxConcurrentStreamsPerSession;
        var pools = (long)options.MaxQuickRequestsPerCluster + options.MaxLongLivedRequestsPerCluster;
        if (streams < pools)
        {
            failures.Add($"{TunnelOptions.SectionName}:MaxConcurrentStreamsPerSession ({streams}) must be at least {S}:MaxQuickRequestsPerCluster + " +
                $"{S}:MaxLongLivedRequestsPerCluster ({pools}), or watches could take the quick requests' room in the tunnel; raise it or lower those.");
        }

        if (options.MaxRequestBodyBytes < 1)
        {
            failures.Add($"{S}:MaxRequestBodyBytes must be at least 1.");
        }

        foreach (var origin in options.AllowedWebSocketOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            {
                failures.Add($"{S}:AllowedWebSocketOrigins: \"{origin}\" is not an origin like https://portal.example.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
