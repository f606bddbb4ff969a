using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>Parses request paths into <see cref="RequestInfo"/> (mirrors <c>k8s.io/apiserver/pkg/endpoints/request</c>).</summary>
internal static class RequestInfoParser
{
    public static RequestInfo Parse(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var method = request.Method.ToUpperInvariant();
        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        var nonResource = new RequestInfo(false, path, method.ToLowerInvariant(), "", "", "", "", "", "");
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || (parts[0] != "api" && parts[0] != "apis"))
        {
            return nonResource;
        }

        int rest;
        string group, version;
        if (parts[0] == "api")
        {
            if (parts.Length < 2)
            {
                return nonResource;
            }

            (group, version, rest) = ("", parts[1], 2);
        }
        else
        {
            if (parts.Length < 3)
            {
                return nonResource;
            }

            (group, version, rest) = (parts[1], parts[2], 3);
        }

        var current = parts[rest..];
        if (current.Length == 0)
        {
            return nonResource;
        }

        if (current[0] == "watch")
        {
            verb = "watch";
            current = current[1..];
        }

        var ns = "";
        if (current.Length > 0 && current[0] == "namespaces" && current.Length > 1)
        {
            ns = current[1];
            if (current.Length > 2 && current[2] is not ("status" or "finalize"))
            {
                current = current[2..];
            }
        }

        var resource = current.Length > 0 ? current[0] : "";
        var name = current.Length > 1 ? current[1] : "";
        var subresource = current.Length > 2 ? current[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(request.Query["watch"]) ? "watch" : "list";
        }
        else if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo(true, path, verb, group, version, ns, resource, subresource, name);
    }

    public static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
