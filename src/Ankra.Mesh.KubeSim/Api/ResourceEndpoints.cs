using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>get, list, create, update, patch, delete and deletecollection on stored resources.</summary>
internal sealed class ResourceEndpoints(ObjectStore store, ObjectService objects, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info, ResourceType type)
    {
        var ns = type.Namespaced ? info.Namespace : "";
        if (type.Namespaced && ns.Length == 0 && info.Verb is not ("list" or "watch"))
        {
            throw ApiException.NotFound(type.QualifiedName, info.Name, type.Group, type.Plural);
        }

        var request = context.Request;

        // kubectl diff and --dry-run=server: everything is checked and computed, nothing is stored.
        var dryRun = request.Query["dryRun"] == "All";
        switch (info.Verb)
        {
            case "get":
                var found = store.For(type).Get(type.Namespaced ? ns : null, info.Name)
                    ?? throw ApiException.NotFound(type.QualifiedName, info.Name, type.Group, type.Plural);
                await WriteObjectAsync(context, type, found, 200);
                break;
            case "list":
                await ListAsync(context, type, ns);
                break;
            case "create":
                var body = await ResponseWriter.ReadObjectAsync(request, context.RequestAborted);
                await WriteObjectAsync(context, type, objects.Create(type, ns, body, dryRun), 201);
                break;
            case "update":
                var replacement = await ResponseWriter.ReadObjectAsync(request, context.RequestAborted);
                await WriteObjectAsync(context, type, objects.Update(type, ns, info.Name, replacement, dryRun), 200);
                break;
            case "patch":
                var patch = await ResponseWriter.ReadNodeAsync(request, context.RequestAborted);
                var applyCreates = request.ContentType?.StartsWith("application/apply-patch", StringComparison.Ordinal) == true
                    && store.For(type).Get(type.Namespaced ? ns : null, info.Name) is null;
                var patched = applyCreates
                    ? objects.Create(type, ns, patch as JsonObject ?? throw ApiException.BadRequest("an apply patch must be an object"), dryRun)
                    : objects.Patch(type, ns, info.Name, request.ContentType ?? "", patch, dryRun);
                await WriteObjectAsync(context, type, patched, applyCreates ? 201 : 200);
                break;
            case "delete":
                await WriteObjectAsync(context, type, objects.Delete(type, ns, info.Name, dryRun), 200);
                break;
            case "deletecollection":
                var doomed = store.For(type).List(ns, Filter(request), null, 0).Items;
                var removed = doomed.Select(d => objects.Delete(type, ns, Json.Str(d, "metadata.name")!, dryRun)).ToList();
                await ResponseWriter.WriteJsonAsync(context, 200, ListOf(type, removed, store.CurrentVersion, null, 0));
                break;
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    public static Func<JsonObject, bool> Filter(HttpRequest request) =>
        Selectors.Parse(request.Query["labelSelector"], request.Query["fieldSelector"]);

    private async Task ListAsync(HttpContext context, ResourceType type, string ns)
    {
        var query = context.Request.Query;
        _ = long.TryParse(query["limit"], CultureInfo.InvariantCulture, out var limit);
        var start = query["continue"].ToString() is { Length: > 0 } token ? ContinueToken.Decode(token) : null;
        var page = store.For(type).List(ns, Filter(context.Request), start, limit);
        var next = page.ContinueAfter is null ? null : ContinueToken.Encode(page.ContinueAfter, page.ResourceVersion);
        if (TableRenderer.RequestedVersion(context.Request) is { } tableVersion)
        {
            var table = TableRenderer.Render(type, page.Items, tableVersion, page.ResourceVersion, next, query["includeObject"].ToString(), time.GetUtcNow());
            await ResponseWriter.WriteJsonAsync(context, 200, table);
            return;
        }

        await ResponseWriter.WriteJsonAsync(context, 200, ListOf(type, page.Items, page.ResourceVersion, next, page.RemainingItemCount));
    }

    private static JsonObject ListOf(ResourceType type, IReadOnlyList<JsonObject> items, long version, string? next, long remaining)
    {
        var metadata = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.DeepClone())]),
        };
    }

    private async Task WriteObjectAsync(HttpContext context, ResourceType type, JsonObject obj, int statusCode)
    {
        if (TableRenderer.RequestedVersion(context.Request) is { } tableVersion)
        {
            var table = TableRenderer.Render(type, [obj], tableVersion, Json.Long(obj, "metadata.resourceVersion"), null, context.Request.Query["includeObject"].ToString(), time.GetUtcNow());
            await ResponseWriter.WriteJsonAsync(context, statusCode, table);
            return;
        }

        await ResponseWriter.WriteJsonAsync(context, statusCode, obj);
    }
}
