using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.OpenApi;

/// <summary>A terse way to write the OpenAPI schemas of the served kinds (see <see cref="CoreSchemas"/>).</summary>
internal static class SchemaBuilder
{
    public const string Prefix = "#/components/schemas/";

    public static JsonObject Obj(string description, params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject { ["description"] = description, ["type"] = "object", ["properties"] = props };
    }

    public static JsonObject Kind(JsonObject schema, string group, string version, string kind)
    {
        schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
        return schema;
    }

    public static JsonObject Str(string description) => new() { ["description"] = description, ["type"] = "string", ["default"] = "" };

    public static JsonObject Int(string description) => new() { ["description"] = description, ["type"] = "integer", ["format"] = "int32" };

    public static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    public static JsonObject Map(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" },
    };

    public static JsonObject StrList(string description) => new()
    {
        ["description"] = description,
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" },
    };

    public static JsonObject Ref(string description, string schema) => new()
    {
        ["description"] = description,
        ["default"] = new JsonObject(),
        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = Prefix + schema }),
    };

    public static JsonObject List(string description, string schema, string? mergeKey = null)
    {
        var list = new JsonObject
        {
            ["description"] = description,
            ["type"] = "array",
            ["items"] = new JsonObject { ["default"] = new JsonObject(), ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = Prefix + schema }) },
        };
        if (mergeKey is not null)
        {
            list["x-kubernetes-patch-merge-key"] = mergeKey;
            list["x-kubernetes-patch-strategy"] = "merge";
            list["x-kubernetes-list-type"] = "map";
            list["x-kubernetes-list-map-keys"] = new JsonArray(mergeKey);
        }

        return list;
    }
}
