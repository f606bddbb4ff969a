using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Patching;
using Ankra.Mesh.KubeSim.Storage;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>
/// The write semantics of the API server over the stores: names (and generateName), namespaces that
/// must exist, uid/creationTimestamp, optimistic concurrency on resourceVersion, patches, and
/// namespace deletion taking its contents with it.
/// </summary>
internal sealed partial class ObjectService(ObjectStore store, ResourceCatalog catalog, DeploymentController deployments, TimeProvider time)
{
    public JsonObject Create(ResourceType type, string ns, JsonObject obj, bool dryRun = false)
    {
        Stamp(type, obj);
        var metadata = Json.Metadata(obj);
        if (metadata["name"] is null && Json.Str(metadata, "generateName") is { } prefix)
        {
            metadata["name"] = prefix + GeneratedName.Suffix();
        }

        var name = Json.Str(metadata, "name");
        if (string.IsNullOrEmpty(name))
        {
            throw new ApiException(422, "Invalid", $"{type.Kind} \"\" is invalid: metadata.name: Required value: name or generateName is required");
        }

        // RBAC objects only need to be valid path segments (system:discovery); everything else is a DNS subdomain.
        var valid = type.Group == "rbac.authorization.k8s.io"
            ? name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('%', StringComparison.Ordinal)
            : NamePattern().IsMatch(name) && name.Length <= 253;
        if (!valid)
        {
            throw ApiException.Invalid(type.Kind, name, type.Group, type.Plural, "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }

        PlaceInNamespace(type, ns, metadata);
        metadata.Remove("resourceVersion");
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Json.Timestamp(time.GetUtcNow());
        ObjectDefaults.OnWrite(type, obj, null, time.GetUtcNow());
        var created = store.For(type).Create(obj, dryRun);
        if (dryRun)
        {
            return created;
        }

        if (type.Kind == "Namespace")
        {
            CreateDefaultServiceAccount(name);
        }

        return AfterWrite(type, created);
    }

    /// <summary>PUT: replaces the object; a stale <c>metadata.resourceVersion</c> answers 409 Conflict.</summary>
    public JsonObject Update(ResourceType type, string ns, string name, JsonObject obj, bool dryRun = false)
    {
        Stamp(type, obj);
        var bodyName = Json.Str(obj, "metadata.name");
        if (bodyName is not null && bodyName != name)
        {
            throw ApiException.BadRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }

        var updated = store.For(type).Update(type.Namespaced ? ns : null, name, current => Replace(type, current, obj), dryRun);
        return dryRun ? updated : AfterWrite(type, updated);
    }

    public JsonObject Patch(ResourceType type, string ns, string name, string contentType, JsonNode? patch, bool dryRun = false)
    {
        var media = contentType.Split(';')[0].Trim();
        var patchedObject = store.For(type).Update(type.Namespaced ? ns : null, name, current =>
        {
            var patched = media switch
            {
                "application/json-patch+json" => JsonPatch.Apply(current.DeepClone().AsObject(), patch),
                "application/merge-patch+json" => JsonMergePatch.Apply(current.DeepClone(), patch) as JsonObject,
                "application/strategic-merge-patch+json" or "application/apply-patch+yaml" => StrategicMergePatch.Apply(current.DeepClone().AsObject(), AsObject(patch)),
                _ => throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"),
            } ?? throw ApiException.BadRequest("the patch removed the whole object");
            return Replace(type, current, patched);
        }, dryRun);
        return dryRun ? patchedObject : AfterWrite(type, patchedObject);
    }

    public JsonObject Delete(ResourceType type, string ns, string name, bool dryRun = false)
    {
        var deleted = store.For(type).Delete(type.Namespaced ? ns : null, name, dryRun);
        if (dryRun)
        {
            return deleted;
        }

        if (type.Kind == "Deployment")
        {
            deployments.DeleteOwned(deleted);
        }

        if (type.Kind == "Namespace")
        {
            foreach (var namespaced in store.All.Where(s => s.Type.Namespaced))
            {
                foreach (var item in namespaced.List(name, _ => true, null, 0).Items)
                {
                    namespaced.Delete(name, Json.Str(item, "metadata.name")!);
                }
            }

            Json.Object(deleted, "status")["phase"] = "Terminating";
        }

        return deleted;
    }

    private JsonObject AfterWrite(ResourceType type, JsonObject written)
    {
        if (type.Kind == "Deployment")
        {
            var pods = catalog.Get("", "pods");
            deployments.Reconcile(written, pod => Create(pods, Json.Str(pod, "metadata.namespace")!, pod));
        }

        return written;
    }

    private static JsonObject AsObject(JsonNode? patch) =>
        patch as JsonObject ?? throw ApiException.BadRequest("a strategic merge patch must be a JSON object");

    private JsonObject Replace(ResourceType type, JsonObject current, JsonObject next)
    {
        var metadata = Json.Metadata(next);
        var expected = Json.Str(metadata, "resourceVersion");
        var currentVersion = Json.Str(current, "metadata.resourceVersion");
        var name = Json.Str(current, "metadata.name")!;
        if (!string.IsNullOrEmpty(expected) && expected != currentVersion)
        {
            throw ApiException.Conflict(type.QualifiedName, name, type.Group, type.Plural,
                "the object has been modified; please apply your changes to the latest version and try again");
        }

        metadata["name"] = name;
        foreach (var kept in new[] { "uid", "creationTimestamp", "namespace", "generation" })
        {
            metadata[kept] = current["metadata"]?[kept]?.DeepClone();
            if (metadata[kept] is null)
            {
                metadata.Remove(kept);
            }
        }

        if (type.Subresources.Contains("status") && current["status"] is JsonNode status)
        {
            next["status"] = status.DeepClone();
        }

        ObjectDefaults.OnWrite(type, next, current, time.GetUtcNow());
        return next;
    }

    private void PlaceInNamespace(ResourceType type, string ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var bodyNamespace = Json.Str(metadata, "namespace");
        if (bodyNamespace is not null && bodyNamespace != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (store.For(catalog.Get("", "namespaces")).Get(null, ns) is null)
        {
            throw ApiException.NotFound("namespaces", ns, "", "namespaces");
        }

        metadata["namespace"] = ns;
    }

    private void CreateDefaultServiceAccount(string ns)
    {
        var accounts = catalog.Get("", "serviceaccounts");
        if (store.For(accounts).Get(ns, "default") is null)
        {
            Create(accounts, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
        }
    }

    private static void Stamp(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NamePattern();
}
