namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// Reads a kubectl request as the API server's <c>RequestInfoFactory</c> does, so the gateway's audit names the
/// same verb, resource and subresource as the cluster's own audit log and RBAC: a GET of a collection is
/// <c>list</c>, or <c>watch</c> with <c>?watch=</c> anything but <c>0</c>/<c>false</c>; a DELETE of a collection is
/// <c>deletecollection</c>; <c>/watch/…</c> and <c>/proxy/…</c> path prefixes are verbs; <c>status</c> and
/// <c>finalize</c> are subresources of a namespace; a list or watch with <c>fieldSelector=metadata.name=x</c>
/// names <c>x</c>.
/// </summary>
internal static class KubeRequestInfoParser
{
    public static KubeRequestInfo Parse(string method, string path, IReadOnlyDictionary<string, string[]> query)
    {
        var nonResource = new KubeRequestInfo(false, method.ToLowerInvariant(), "", "", "", "", "", "");
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 3 || (parts[0] != "api" && parts[0] != "apis"))
        {
            return nonResource;
        }

        var rest = parts.AsSpan(1);
        var group = "";
        if (parts[0] == "apis")
        {
            // The prefix is consumed: "apis" needs group, version and at least one more part.
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        string verb;
        if (rest[0] is "proxy" or "watch")
        {
            if (rest.Length < 2)
            {
                return nonResource with { IsResourceRequest = true, ApiGroup = group, ApiVersion = version };
            }

            verb = rest[0];
            rest = rest[1..];
        }
        else
        {
            verb = method.ToUpperInvariant() switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && rest[2] is not ("status" or "finalize"))
            {
                rest = rest[2..];
            }
        }

        // resource/name/subresource/…; the proxy verb takes no subresource (the rest is the proxied path).
        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 && verb != "proxy" ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = query.TryGetValue("watch", out var watch) && watch.Length > 0 && !IsFalse(watch[0]) ? "watch" : "list";
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        if (name.Length == 0 && verb is "list" or "watch" && NameFromFieldSelector(query) is { } selected)
        {
            name = selected;
        }

        return new KubeRequestInfo(true, verb, group, version, ns, resource, subresource, name);
    }

    /// <summary>The query of a path-and-query string, each key with all its values (unescaped).</summary>
    public static IReadOnlyDictionary<string, string[]> ParseQuery(string queryString)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        return parsed.ToDictionary(p => p.Key, p => p.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);
    }

    private static bool IsFalse(string value) =>
        value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0";

    /// <summary><c>metadata.name=x</c> (or <c>==</c>) in a field selector, as the API server narrows a list to one name.</summary>
    private static string? NameFromFieldSelector(IReadOnlyDictionary<string, string[]> query)
    {
        if (!query.TryGetValue("fieldSelector", out var selectors) || selectors.Length == 0)
        {
            return null;
        }

        foreach (var term in selectors[0].Split(','))
        {
            var trimmed = term.Trim();
            foreach (var op in (string[])["==", "="])
            {
                var prefix = "metadata.name" + op;
                if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length
                    && !trimmed[prefix.Length..].Contains('/', StringComparison.Ordinal))
                {
                    return trimmed[prefix.Length..];
                }
            }
        }

        return null;
    }
}
