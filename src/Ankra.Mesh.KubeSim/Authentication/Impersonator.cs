using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Authorization;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Authentication;

/// <summary>
/// Impersonation as the API server's filter does it: every requested attribute (user or service
/// account, each group, each extra value, the uid) needs the <c>impersonate</c> verb on its own
/// resource, and a refusal carries Kubernetes' own forbidden message.
/// </summary>
internal sealed class Impersonator(RbacAuthorizer authorizer)
{
    private const string UserHeader = "Impersonate-User";
    private const string UidHeader = "Impersonate-Uid";
    private const string GroupHeader = "Impersonate-Group";
    private const string ExtraPrefix = "Impersonate-Extra-";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The identity to act as, or null when the request does not impersonate.</summary>
    public UserInfo? Impersonate(HttpRequest request, UserInfo requestor)
    {
        var headers = request.Headers;
        var user = headers[UserHeader].ToString();
        var uid = headers[UidHeader].ToString();
        var groups = headers[GroupHeader].Where(g => g is not null).Select(g => g!).ToList();
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = Uri.UnescapeDataString(name[ExtraPrefix.Length..].ToLowerInvariant());
                extra[key] = [.. values.Where(v => v is not null).Select(v => v!)];
            }
        }

        if (user.Length == 0)
        {
            if (groups.Count > 0 || extra.Count > 0 || uid.Length > 0)
            {
                throw new ApiException(500, "InternalError", "Internal error occurred: requested impersonation of groups, extras or uid without impersonating a user");
            }

            return null;
        }

        var effectiveGroups = new List<string>(groups);
        if (user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            var parts = user[ServiceAccountPrefix.Length..].Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ApiException(500, "InternalError", $"Internal error occurred: Username must be in the form system:serviceaccount:namespace:name, got {user}");
            }

            Check(requestor, "", "serviceaccounts", "", parts[0], parts[1]);
            if (groups.Count == 0)
            {
                effectiveGroups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{parts[0]}"]);
            }
        }
        else
        {
            Check(requestor, "", "users", "", "", user);
        }

        foreach (var group in groups)
        {
            Check(requestor, "", "groups", "", "", group);
        }

        foreach (var (key, values) in extra)
        {
            foreach (var value in values)
            {
                Check(requestor, "authentication.k8s.io", "userextras", key, "", value);
            }
        }

        if (uid.Length > 0)
        {
            Check(requestor, "authentication.k8s.io", "uids", "", "", uid);
        }

        if (user != "system:anonymous" && !effectiveGroups.Contains(UserInfo.Authenticated) && !effectiveGroups.Contains("system:unauthenticated"))
        {
            effectiveGroups.Add(UserInfo.Authenticated);
        }

        return new UserInfo(user, uid, effectiveGroups, extra);
    }

    /// <summary>Removes the impersonation headers so nothing downstream mistakes them for the caller's.</summary>
    public static void StripHeaders(HttpRequest request)
    {
        foreach (var name in request.Headers.Keys.Where(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            request.Headers.Remove(name);
        }
    }

    private void Check(UserInfo requestor, string group, string resource, string subresource, string ns, string name)
    {
        var attributes = new AuthorizationAttributes(requestor, "impersonate", true, group, resource, subresource, ns, name, "");
        if (!authorizer.Authorize(attributes))
        {
            throw new ApiException(403, "Forbidden", attributes.ForbiddenMessage(), attributes.ForbiddenDetails());
        }
    }
}
