using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Refuses kube proxy settings that cannot work, naming the setting to fix.</summary>
internal sealed class KubeProxyOptionsValidator : IValidateOptions<KubeProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeProxyOptions options)
    {
        var failures = new List<string>();
        if (options.ActivityTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{KubeProxyOptions.Section}:ActivityTimeout must be positive (it bounds idle exec and port-forward sessions).");
        }

        if (options.MaxConcurrentRequestsPerUser < 1 || options.MaxConcurrentRequestsPerCluster < 1)
        {
            failures.Add($"{KubeProxyOptions.Section}:MaxConcurrentRequestsPerUser and MaxConcurrentRequestsPerCluster must be at least 1.");
        }

        if (options.MaxRequestBodyBytes < 1)
        {
            failures.Add($"{KubeProxyOptions.Section}:MaxRequestBodyBytes must be at least 1.");
        }

        foreach (var origin in options.AllowedWebSocketOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            {
                failures.Add($"{KubeProxyOptions.Section}:AllowedWebSocketOrigins: \"{origin}\" is not an origin like https://portal.example.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
