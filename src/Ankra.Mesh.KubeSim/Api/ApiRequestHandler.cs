using Ankra.Mesh.KubeSim.Audit;
using Ankra.Mesh.KubeSim.Authentication;
using Ankra.Mesh.KubeSim.Authorization;
using Ankra.Mesh.KubeSim.Discovery;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.OpenApi;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Watch;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// Every API request passes here, in the API server's order: (1) parse the request info, (2) authenticate
/// the bearer token, (3) impersonate, (4) authorize with RBAC, (5) serve, (6) audit with the response code.
/// Failures at any step become a <c>Status</c> body.
/// </summary>
internal sealed class ApiRequestHandler(
    TokenAuthenticator authenticator,
    Impersonator impersonator,
    RbacAuthorizer authorizer,
    AuditLog audit,
    ResourceCatalog catalog,
    DiscoveryEndpoints discovery,
    OpenApiEndpoints openApi,
    ResourceEndpoints resources,
    WatchEndpoint watches,
    AccessReviewEndpoints reviews,
    PodSubresourceEndpoints podSubresources,
    ScaleEndpoint scale,
    TimeProvider time,
    ILogger<ApiRequestHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Value is "/healthz" or "/readyz" or "/livez")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        var started = time.GetUtcNow();
        var info = RequestInfoParser.Parse(context.Request);
        UserInfo? user = null;
        UserInfo? impersonated = null;
        try
        {
            // (2) authentication
            user = authenticator.Authenticate(context.Request.Headers.Authorization.ToString())
                ?? throw new ApiException(401, "Unauthorized", "Unauthorized");

            // (3) impersonation
            impersonated = impersonator.Impersonate(context.Request, user);
            Impersonator.StripHeaders(context.Request);
            var acting = impersonated ?? user;

            // (4) authorization
            Authorize(acting, info);

            // (5) serve
            await ServeAsync(context, info, acting);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await ResponseWriter.WriteStatusAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted && error is not OperationCanceledException)
        {
            KubeSimLog.RequestFailed(logger, error, context.Request.Method, context.Request.Path.Value ?? "");
            await ResponseWriter.WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {error.Message}"));
        }
        finally
        {
            // (6) audit
            audit.Record(new AuditEvent(started, user, impersonated, info.Verb, info.ApiGroup, info.Resource, info.Subresource,
                info.Namespace, info.Name, context.Request.Path + context.Request.QueryString, context.Response.StatusCode));
        }
    }

    private void Authorize(UserInfo acting, RequestInfo info)
    {
        var attributes = new AuthorizationAttributes(acting, info.Verb, info.IsResourceRequest, info.ApiGroup, info.Resource,
            info.Subresource, info.Namespace, info.Name, info.Path);
        if (PodSubresourceEndpoints.IsStreaming(info))
        {
            // The real verb of exec/attach/portforward is create; a WebSocket GET is also let through on get.
            var create = attributes with { Verb = "create" };
            if (authorizer.Authorize(create) || authorizer.Authorize(attributes))
            {
                return;
            }

            attributes = create;
        }
        else if (authorizer.Authorize(attributes))
        {
            return;
        }

        throw new ApiException(403, "Forbidden", attributes.ForbiddenMessage(), attributes.ForbiddenDetails());
    }

    private async Task ServeAsync(HttpContext context, RequestInfo info, UserInfo acting)
    {
        if (!info.IsResourceRequest)
        {
            if (!await discovery.TryHandleAsync(context) && !await openApi.TryHandleAsync(context))
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            return;
        }

        var type = catalog.Find(info.ApiGroup, info.ApiVersion, info.Resource)
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        if (type.IsReview)
        {
            if (info.Verb != "create")
            {
                throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
            }

            await reviews.HandleAsync(context, type, acting);
            return;
        }

        if (info.Subresource == "scale" && type.Kind == "Deployment")
        {
            await scale.HandleAsync(context, info, type);
            return;
        }

        if (info.Subresource.Length > 0 && info.Subresource != "status")
        {
            if (type.Kind != "Pod")
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            await podSubresources.HandleAsync(context, info);
            return;
        }

        if (info.Verb == "watch")
        {
            await watches.HandleAsync(context, type, info.Namespace);
            return;
        }

        await resources.HandleAsync(context, info, type);
    }
}
