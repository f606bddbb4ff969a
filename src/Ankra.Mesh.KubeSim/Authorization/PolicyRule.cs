using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Resources;

namespace Ankra.Mesh.KubeSim.Authorization;

/// <summary>Whether one RBAC <c>PolicyRule</c> covers a request (mirrors <c>rbac/v1 helpers</c> matching).</summary>
internal static class PolicyRule
{
    public static bool Allows(JsonNode? rule, AuthorizationAttributes request)
    {
        if (!Has(rule, "verbs", request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return Json.Array(rule, "nonResourceURLs").Select(n => n?.GetValue<string>() ?? "").Any(url =>
                url == "*" || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));
        }

        if (!Has(rule, "apiGroups", request.ApiGroup))
        {
            return false;
        }

        var combined = request.ResourceWithSubresource;
        var resourceMatches = Json.Array(rule, "resources").Select(n => n?.GetValue<string>() ?? "").Any(r =>
            r == "*" || r == combined || (request.Subresource.Length > 0 && r == "*/" + request.Subresource));
        if (!resourceMatches)
        {
            return false;
        }

        var names = Json.Array(rule, "resourceNames");
        return names.Count == 0 || names.Any(n => n?.GetValue<string>() == request.Name);
    }

    private static bool Has(JsonNode? rule, string field, string value) =>
        Json.Array(rule, field).Any(n => n?.GetValue<string>() is { } s && (s == "*" || s == value));
}
