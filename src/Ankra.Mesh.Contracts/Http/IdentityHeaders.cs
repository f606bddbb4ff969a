using System.Net.Http.Headers;

namespace Ankra.Mesh.Contracts.Http;

/// <summary>
/// The one identity-header policy: the request headers through which a client could claim an identity
/// towards the Kubernetes API server. The edge strips them before a request enters the tunnel and the agent
/// strips them again before it adds its own credential and impersonation (defence in depth: an agent never
/// trusts that the edge did). Kept here because both processes reference Ankra.Mesh.Contracts.
/// </summary>
public static class IdentityHeaders
{
    /// <summary>The credential header; the agent replaces it with its service-account token.</summary>
    public const string Authorization = "Authorization";

    /// <summary>What <c>kubectl --as</c>/<c>--as-group</c> send; the agent sets its own.</summary>
    public const string ImpersonationPrefix = "Impersonate-";

    /// <summary>The front-proxy identity headers an API server may trust from an authenticating proxy.</summary>
    public const string FrontProxyPrefix = "X-Remote-";

    /// <summary>True for <c>Authorization</c>, <c>Impersonate-*</c> and <c>X-Remote-*</c> (any case): never forwarded from a client.</summary>
    public static bool IsIdentityHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Equals(Authorization, StringComparison.OrdinalIgnoreCase)
            || IsImpersonation(name)
            || name.StartsWith(FrontProxyPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes every header <see cref="IsIdentityHeader"/> names from <paramref name="headers"/>.</summary>
    public static void RemoveFrom(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Authorization = null;
        // NonValidated: only the names matter here, and parsing every value of every request costs CPU.
        List<string>? found = null;
        foreach (var header in headers.NonValidated)
        {
            if (IsIdentityHeader(header.Key))
            {
                (found ??= []).Add(header.Key);
            }
        }

        foreach (var name in found ?? [])
        {
            headers.Remove(name);
        }
    }

    /// <summary><c>Impersonate-*</c> (any case): a client choosing whom it acts as, refused by the edge outright.</summary>
    public static bool IsImpersonation(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(ImpersonationPrefix, StringComparison.OrdinalIgnoreCase);
    }
}
