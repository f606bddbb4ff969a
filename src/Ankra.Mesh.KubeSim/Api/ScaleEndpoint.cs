using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Patching;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary><c>deployments/{name}/scale</c> (<c>kubectl scale</c>): an <c>autoscaling/v1 Scale</c> view of <c>spec.replicas</c>.</summary>
internal sealed class ScaleEndpoint(ObjectStore store, ObjectService objects)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ResourceType type)
    {
        var deployment = store.For(type).Get(info.Namespace, info.Name)
            ?? throw ApiException.NotFound(type.QualifiedName, info.Name, type.Group, type.Plural);
        if (info.Verb is "patch" or "update")
        {
            var body = await ResponseWriter.ReadNodeAsync(context.Request, context.RequestAborted);
            var scale = ToScale(deployment);
            var wanted = info.Verb == "update"
                ? body as JsonObject
                : (context.Request.ContentType ?? "").StartsWith("application/json-patch+json", StringComparison.Ordinal)
                    ? JsonPatch.Apply(scale, body)
                    : JsonMergePatch.Apply(scale, body) as JsonObject;
            var replicas = Json.Long(wanted, "spec.replicas", -1);
            if (replicas < 0)
            {
                throw ApiException.Invalid("Scale.autoscaling", info.Name, "autoscaling", "Scale", "spec.replicas", "Invalid value: must be greater than or equal to 0");
            }

            deployment = objects.Patch(type, info.Namespace, info.Name, "application/merge-patch+json", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } });
        }
        else if (info.Verb != "get")
        {
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        await ResponseWriter.WriteJsonAsync(context, 200, ToScale(deployment));
    }

    private static JsonObject ToScale(JsonObject deployment)
    {
        var selector = Json.StringMap(Json.At(deployment, "spec.selector.matchLabels")).Select(kv => $"{kv.Key}={kv.Value}");
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = Json.Str(deployment, "metadata.name"),
                ["namespace"] = Json.Str(deployment, "metadata.namespace"),
                ["uid"] = Json.Str(deployment, "metadata.uid"),
                ["resourceVersion"] = Json.Str(deployment, "metadata.resourceVersion"),
                ["creationTimestamp"] = Json.Str(deployment, "metadata.creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = Json.Long(deployment, "spec.replicas", 1) },
            ["status"] = new JsonObject { ["replicas"] = Json.Long(deployment, "status.replicas"), ["selector"] = string.Join(",", selector) },
        };
    }
}
