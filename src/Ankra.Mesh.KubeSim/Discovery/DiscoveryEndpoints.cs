using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Resources;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Discovery;

/// <summary>
/// <c>/version</c>, <c>/api</c>, <c>/apis</c> and the group-version documents. <c>/api</c> and <c>/apis</c>
/// answer aggregated discovery when the Accept header asks for it (kubectl ≥ 1.26 does), legacy otherwise.
/// </summary>
internal sealed class DiscoveryEndpoints(DiscoveryDocuments documents, ResourceCatalog catalog)
{
    /// <summary>Answers a discovery path; false when the path is not one.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["version"]:
                await ResponseWriter.WriteJsonAsync(context, 200, DiscoveryDocuments.Version());
                return true;
            case ["api"] or ["apis"]:
                var core = parts[0] == "api";
                if (AggregatedVersion(context.Request) is { } version)
                {
                    var body = documents.Aggregated(core, $"apidiscovery.k8s.io/{version}");
                    await ResponseWriter.WriteJsonAsync(context, 200, body, $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList");
                    return true;
                }

                var legacy = core ? DiscoveryDocuments.CoreVersions($"{context.Request.Host}") : documents.GroupList();
                await ResponseWriter.WriteJsonAsync(context, 200, legacy);
                return true;
            case ["api", var v] when catalog.ServesGroupVersion("", v):
                await ResponseWriter.WriteJsonAsync(context, 200, documents.ResourceList("", v));
                return true;
            case ["apis", var g] when documents.Group(g) is { } group:
                await ResponseWriter.WriteJsonAsync(context, 200, group);
                return true;
            case ["apis", var g, var v] when catalog.ServesGroupVersion(g, v):
                await ResponseWriter.WriteJsonAsync(context, 200, documents.ResourceList(g, v));
                return true;
            default:
                return false;
        }
    }

    private static string? AggregatedVersion(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept.ToString().Split(','))
        {
            if (!accept.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal) || !accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
            {
                continue;
            }

            if (accept.Contains("v=v2;", StringComparison.Ordinal) || accept.TrimEnd().EndsWith("v=v2", StringComparison.Ordinal))
            {
                return "v2";
            }

            if (accept.Contains("v=v2beta1", StringComparison.Ordinal))
            {
                return "v2beta1";
            }
        }

        return null;
    }
}
