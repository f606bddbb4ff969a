using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Logs;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Ankra.Mesh.KubeSim.Streaming;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// <c>pods/{name}/log</c> and the streaming subresources. Authentication, impersonation and RBAC have
/// passed by now; this looks the pod up (404 Status when missing) and hands over to the log generator or
/// to <see cref="PodStreamingHandler"/> with a <see cref="StreamingPod"/> built from the stored pod.
/// </summary>
internal sealed class PodSubresourceEndpoints(ObjectStore store, ResourceCatalog catalog, PodLogEndpoint logs, PodStreamingHandler streaming, PodFileSystems files)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info)
    {
        var pods = catalog.Get("", "pods");
        var pod = store.For(pods).Get(info.Namespace, info.Name)
            ?? throw ApiException.NotFound(pods.QualifiedName, info.Name, "", pods.Plural);
        switch (info.Subresource)
        {
            case "log":
                await logs.HandleAsync(context, pod);
                break;
            case "exec":
                await streaming.ExecAsync(context, ToStreamingPod(pod, files));
                break;
            case "attach":
                await streaming.AttachAsync(context, ToStreamingPod(pod, files));
                break;
            case "portforward":
                await streaming.PortForwardAsync(context, ToStreamingPod(pod, files));
                break;
            default:
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    /// <summary>The streaming verbs: <c>create</c> as for SPDY POSTs, and <c>get</c> as servers ≥ 1.30 also accept for the WebSocket GET.</summary>
    public static bool IsStreaming(RequestInfo info) =>
        info.Resource == "pods" && info.Subresource is "exec" or "attach" or "portforward";

    public static StreamingPod ToStreamingPod(JsonObject pod, PodFileSystems files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var containers = Json.Array(pod, "spec.containers").OfType<JsonObject>().ToList();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOSTNAME"] = Json.Str(pod, "metadata.name") ?? "",
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        };
        foreach (var variable in containers.FirstOrDefault()?["env"] as JsonArray ?? [])
        {
            if (Json.Str(variable, "name") is { } name)
            {
                environment[name] = Json.Str(variable, "value") ?? "";
            }
        }

        var ports = containers.SelectMany(c => Json.Array(c, "ports"))
            .Select(p => (int)Json.Long(p, "containerPort")).Where(p => p > 0).Distinct().ToList();
        var @namespace = Json.Str(pod, "metadata.namespace") ?? "";
        var podName = Json.Str(pod, "metadata.name") ?? "";
        return new StreamingPod(
            @namespace,
            podName,
            [.. containers.Select(c => Json.Str(c, "name") ?? "")],
            environment,
            ports,
            files.For(pod));
    }
}
