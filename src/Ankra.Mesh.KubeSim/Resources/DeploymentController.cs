using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Storage;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>
/// What the deployment and garbage-collector controllers would do, done at once after each write: a
/// deployment owns <c>spec.replicas</c> pods made from its template (named
/// <c>{deployment}-{template hash}-{suffix}</c>, labelled with <c>pod-template-hash</c>); a template change
/// replaces them, and deleting the deployment deletes them. There are no ReplicaSets in between.
/// </summary>
internal sealed class DeploymentController(ObjectStore store, ResourceCatalog catalog)
{
    public void Reconcile(JsonObject deployment, Func<JsonObject, JsonObject> createPod)
    {
        var pods = store.For(catalog.Get("", "pods"));
        var ns = Json.Str(deployment, "metadata.namespace")!;
        var name = Json.Str(deployment, "metadata.name")!;
        var uid = Json.Str(deployment, "metadata.uid")!;
        var template = Json.At(deployment, "spec.template") as JsonObject ?? new JsonObject();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(template.ToJsonString())))[..10].ToLowerInvariant();
        var owned = Owned(pods, ns, uid);
        foreach (var stale in owned.Where(p => Json.Str(p, "metadata.labels.pod-template-hash") != hash))
        {
            pods.Delete(ns, Json.Str(stale, "metadata.name")!);
        }

        var current = Owned(pods, ns, uid);
        var wanted = (int)Json.Long(deployment, "spec.replicas", 1);
        foreach (var extra in current.Skip(wanted))
        {
            pods.Delete(ns, Json.Str(extra, "metadata.name")!);
        }

        for (var i = current.Count; i < wanted; i++)
        {
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = template["metadata"]?.DeepClone() ?? new JsonObject(),
                ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
            };
            var metadata = Json.Metadata(pod);
            metadata["name"] = $"{name}-{hash}-{GeneratedName.Suffix()}";
            metadata["namespace"] = ns;
            Json.Object(metadata, "labels")["pod-template-hash"] = hash;
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["name"] = name,
                ["uid"] = uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            });
            createPod(pod);
        }
    }

    public void DeleteOwned(JsonObject deployment)
    {
        var pods = store.For(catalog.Get("", "pods"));
        var ns = Json.Str(deployment, "metadata.namespace")!;
        foreach (var pod in Owned(pods, ns, Json.Str(deployment, "metadata.uid")!))
        {
            pods.Delete(ns, Json.Str(pod, "metadata.name")!);
        }
    }

    private static List<JsonObject> Owned(ResourceStore pods, string ns, string uid) =>
        [.. pods.List(ns, p => Json.Array(p, "metadata.ownerReferences").Any(o => Json.Str(o, "uid") == uid), null, 0).Items];
}
