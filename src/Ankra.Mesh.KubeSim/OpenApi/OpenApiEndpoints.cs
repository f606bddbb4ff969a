using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Discovery;
using Ankra.Mesh.KubeSim.Resources;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.OpenApi;

/// <summary>
/// OpenAPI v3: <c>/openapi/v3</c> lists one document per group version, each with the kinds' schemas and
/// the paths whose PATCH operation declares <c>fieldValidation</c> (kubectl apply checks that before it
/// relies on server-side validation). <c>/openapi/v2</c> is the protobuf <see cref="OpenApiV2Document"/>.
/// </summary>
internal sealed class OpenApiEndpoints(ResourceCatalog catalog)
{
    private readonly Lazy<Dictionary<string, JsonObject>> _documents = new(() => Build(catalog));
    private readonly Lazy<byte[]> _v2 = new(() => OpenApiV2Document.Build(catalog));

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "").TrimEnd('/');
        if (path == "/openapi/v2")
        {
            context.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
            await context.Response.Body.WriteAsync(_v2.Value, context.RequestAborted);
            return true;
        }

        if (path == "/openapi/v3")
        {
            var paths = new JsonObject();
            foreach (var key in _documents.Value.Keys)
            {
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(key)}" };
            }

            await ResponseWriter.WriteJsonAsync(context, 200, new JsonObject { ["paths"] = paths });
            return true;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal) && _documents.Value.TryGetValue(path["/openapi/v3/".Length..], out var document))
        {
            // Documents are addressed by hash, so clients may cache them as immutable (as against a real server).
            context.Response.Headers.CacheControl = "public, immutable";
            await ResponseWriter.WriteJsonAsync(context, 200, document);
            return true;
        }

        return false;
    }

    private static string Hash(string key) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DiscoveryDocuments.ServerVersion + key)))[..32];

    private static Dictionary<string, JsonObject> Build(ResourceCatalog catalog)
    {
        var schemas = CoreSchemas.All();
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var gv in catalog.Types.Where(t => !t.IsReview).GroupBy(t => (t.Group, t.Version)))
        {
            var paths = new JsonObject();
            foreach (var type in gv)
            {
                var schema = schemas.FirstOrDefault(s => Json.Str(s.Value["x-kubernetes-group-version-kind"]?[0], "kind") == type.Kind
                    && Json.Str(s.Value["x-kubernetes-group-version-kind"]?[0], "group") == type.Group).Key;
                if (schema is null)
                {
                    continue;
                }

                var prefix = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
                var scope = type.Namespaced ? "/namespaces/{namespace}" : "";
                paths[$"{prefix}{scope}/{type.Plural}"] = new JsonObject
                {
                    ["get"] = Operation(type, schema, "list", false),
                    ["post"] = Operation(type, schema, "post", true),
                };
                paths[$"{prefix}{scope}/{type.Plural}/{{name}}"] = new JsonObject
                {
                    ["get"] = Operation(type, schema, "get", false),
                    ["put"] = Operation(type, schema, "put", true),
                    ["patch"] = Operation(type, schema, "patch", true),
                    ["delete"] = Operation(type, schema, "delete", false),
                };
            }

            var components = new JsonObject();
            foreach (var (name, schema) in schemas)
            {
                components[name] = schema.DeepClone();
            }

            var key = gv.Key.Group.Length == 0 ? $"api/{gv.Key.Version}" : $"apis/{gv.Key.Group}/{gv.Key.Version}";
            documents[key] = new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.ServerVersion },
                ["paths"] = paths,
                ["components"] = new JsonObject { ["schemas"] = components },
            };
        }

        return documents;
    }

    private static JsonObject Operation(ResourceType type, string schema, string action, bool validates)
    {
        var parameters = new JsonArray();
        if (validates)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "fieldValidation",
                ["in"] = "query",
                ["description"] = "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            });
        }

        return new JsonObject
        {
            ["description"] = $"{action} {type.Kind}",
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = SchemaBuilder.Prefix + schema } } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        };
    }
}
