using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Sso;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Ankra.Mesh.Edge.Portal;

/// <summary>
/// Authenticates the portal API (<c>/api/v1/org/...</c>) by the browser session only, and requires the
/// antiforgery header on every write. The two credentials never cross: a bearer token here is refused (scripts
/// use the token API), and the token API never reads cookies, so a page on another site cannot ride a session.
/// </summary>
internal sealed class PortalApiFilter(SessionCallerResolver resolver, IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            return ApiFailure.Unauthorized("The portal API takes a browser session, not an Authorization header; with an API token use /api/v1/clusters/{cluster_id}/access/...").ToResult();
        }

        var session = await http.AuthenticateAsync(PortalSession.CookieScheme);
        if (!session.Succeeded)
        {
            return ApiFailure.Unauthorized("Not signed in: sign in at /portal first").ToResult();
        }

        http.User = session.Principal;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiFailure.Forbidden($"Missing or invalid {PortalSession.CsrfHeader} header: send the token the portal page carries (meta name=\"csrf-token\") with every write").ToResult();
            }
        }

        var caller = await resolver.ResolveAsync(session.Principal, http.Request.Headers[CallerResolver.OrganisationHeader].ToString(),
            http.Request.Cookies[PortalSession.OrganisationCookieName]);
        if (caller.Failure is not null)
        {
            return caller.Failure.ToResult();
        }

        ApiAuthFilter.SetCaller(http, caller.Value!);
        return await next(context);
    }
}
