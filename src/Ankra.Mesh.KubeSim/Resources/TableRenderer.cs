using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>Turns objects into <c>meta.k8s.io Table</c>s when the client asks for <c>as=Table</c> (kubectl get does).</summary>
internal static class TableRenderer
{
    /// <summary>The Table apiVersion the Accept header asks for, or null for plain JSON.</summary>
    public static string? RequestedVersion(HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept.ToString().Split(','))
        {
            if (!accept.Contains("as=Table", StringComparison.Ordinal))
            {
                continue;
            }

            return accept.Contains("v=v1beta1", StringComparison.Ordinal) ? "meta.k8s.io/v1beta1" : "meta.k8s.io/v1";
        }

        return null;
    }

    public static JsonObject Render(ResourceType type, IEnumerable<JsonObject> items, string apiVersion, long resourceVersion, string? continueToken, string includeObject, DateTimeOffset now)
    {
        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add(Row(type, item, includeObject, now));
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = apiVersion,
            ["metadata"] = metadata,
            ["columnDefinitions"] = type.Table.ColumnDefinitions(),
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(ResourceType type, JsonObject item, string includeObject, DateTimeOffset now)
    {
        var row = new JsonObject { ["cells"] = type.Table.Cells(item, now) };
        row["object"] = includeObject switch
        {
            "None" => null,
            "Object" => item.DeepClone(),
            _ => new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = item["metadata"]?.DeepClone(),
            },
        };
        return row;
    }
}
