using Ankra.Mesh.Edge.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Api;

/// <summary>The URL users and agents reach this deployment at.</summary>
internal sealed class PublicBaseUrl(IOptions<EdgeOptions> options)
{
    public string For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}";
    }

    /// <summary>The kube proxy URL of a cluster: <c>&lt;base&gt;/api/v1/clusters/{id}/k8s</c>.</summary>
    public string KubeServer(HttpContext context, string clusterId) => $"{For(context)}/api/v1/clusters/{clusterId}/k8s";
}
