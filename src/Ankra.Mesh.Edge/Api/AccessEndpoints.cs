using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Api;

/// <summary>
/// <c>/clusters/{id}/access/...</c>: grants, revoke-all, capabilities, members. Only org admins
/// change grants; members see their own grants. 404 for everything when the gateway is disabled.
/// </summary>
internal static class AccessEndpoints
{
    private static readonly ApiFailure AdminsOnly = ApiFailure.Forbidden("Only organisation admins can manage cluster access");

    public static void Map(RouteGroupBuilder api)
    {
        var access = api.MapGroup("/clusters/{cluster_id}/access").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value.AccessGatewayEnabled
                ? await next(context)
                : ApiFailure.NotFound("Not found").ToResult());

        access.MapGet("/grants", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: false, async (caller, _) =>
            {
                var grants = await grains.GetGrain<IClusterGrain>(cluster_id).ListGrantsAsync();
                return Results.Ok(new { result = caller.IsAdmin ? grants : [.. grants.Where(g => g.AnkraUserId == caller.UserId)] });
            }));

        access.MapPost("/grants", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, JsonBody json, string cluster_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: true, async (caller, _) =>
            {
                var body = await json.ReadAsync<CreateGrantBody>(http.Request, http.RequestAborted);
                if (body.Failure is not null)
                {
                    return body.Failure.ToResult();
                }

                var request = await GrantRequestFrom(body.Value!, caller, grains);
                if (request.Failure is not null)
                {
                    return request.Failure.ToResult();
                }

                var created = await grains.GetGrain<IClusterGrain>(cluster_id).CreateGrantAsync(request.Value!);
                return created.Error switch
                {
                    // A retried create whose first attempt took effect gets the same grant with 200, not a second one.
                    ControlPlaneError.None => Results.Json(new { grant = created.Value },
                        statusCode: created.Unchanged ? StatusCodes.Status200OK : StatusCodes.Status201Created),
                    ControlPlaneError.Conflict => ApiFailure.Conflict(created.Message).ToResult(),
                    _ => ApiFailure.BadRequest(created.Message).ToResult(),
                };
            }));

        access.MapPatch("/grants/{grant_id}", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, JsonBody json, string cluster_id, string grant_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: true, async (_, _) =>
            {
                var body = await json.ReadAsync<ChangeGrantBody>(http.Request, http.RequestAborted);
                var invalid = InputRules.Identifier(grant_id, "grant id") ?? body.Failure
                    ?? InputRules.OneOf(body.Value!.Role, AccessVocabulary.GrantRoles, "role");
                if (invalid is not null)
                {
                    return invalid.ToResult();
                }

                var changed = await grains.GetGrain<IClusterGrain>(cluster_id).ChangeGrantRoleAsync(grant_id, body.Value!.Role!);
                return changed.Error switch
                {
                    ControlPlaneError.None => Results.Ok(new { grant = changed.Value }),
                    ControlPlaneError.NotFound => ApiFailure.NotFound(changed.Message).ToResult(),
                    _ => ApiFailure.BadRequest(changed.Message).ToResult(),
                };
            }));

        access.MapDelete("/grants/{grant_id}", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id, string grant_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: true, async (_, _) =>
                InputRules.Identifier(grant_id, "grant id")?.ToResult()
                ?? (await grains.GetGrain<IClusterGrain>(cluster_id).DeleteGrantAsync(grant_id)
                    ? Results.Ok(new { deleted = true })
                    : ApiFailure.NotFound("Grant not found").ToResult())));

        access.MapPost("/revoke-all", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: true, async (_, _) =>
                Results.Ok(new { revoked = await grains.GetGrain<IClusterGrain>(cluster_id).RevokeAllAsync() })));

        access.MapGet("/capabilities", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: false, async (caller, cluster) =>
            {
                var decision = await grains.GetGrain<IClusterGrain>(cluster_id).AuthorizeAsync(caller.UserId, cluster.Generation);
                return Results.Ok(new
                {
                    access_enabled = cluster.Kind != AccessVocabulary.KindSandbox,
                    can_manage = caller.IsAdmin && cluster.Kind != AccessVocabulary.KindSandbox,
                    has_access = decision.Allowed,
                });
            }));

        access.MapGet("/members", (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
            WithClusterAsync(http, clusters, cluster_id, adminOnly: false, async (caller, _) =>
            {
                var members = await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).ListMembersAsync();
                var grants = await grains.GetGrain<IClusterGrain>(cluster_id).ListGrantsAsync();
                var result = members.Select(m => new
                {
                    user_id = m.UserId,
                    email = m.Email,
                    role = m.Role,
                    has_access = grants.Any(g => g.AnkraUserId == m.UserId),
                    grant_ids = grants.Where(g => g.AnkraUserId == m.UserId).Select(g => g.Id).ToList(),
                });
                return Results.Ok(new { result });
            }));
    }

    private static async Task<IResult> WithClusterAsync(
        HttpContext http, ClusterLookup clusters, string clusterId, bool adminOnly, Func<Caller, ClusterInfo, Task<IResult>> action)
    {
        var caller = ApiAuthFilter.CallerOf(http);
        var found = adminOnly ? await clusters.FindForAdminAsync(caller, clusterId, AdminsOnly) : await clusters.FindAsync(caller, clusterId);
        return found.Failure is not null ? found.Failure.ToResult() : await action(caller, found.Value!);
    }

    /// <summary>Validates a grant request (member, role, scope, namespace); the portal's form uses it too.</summary>
    internal static async Task<ApiOutcome<GrantRequest>> GrantRequestFrom(CreateGrantBody body, Caller caller, IGrainFactory grains)
    {
        var email = InputRules.Email(body.UserEmail, "user_email");
        var scope = body.Scope ?? AccessVocabulary.ScopeCluster;
        var invalid = email.Failure
            ?? InputRules.OneOf(body.Role, AccessVocabulary.GrantRoles, "role")
            ?? InputRules.OneOf(scope, AccessVocabulary.GrantScopes, "scope");
        if (invalid is not null)
        {
            return invalid;
        }

        var ns = string.IsNullOrEmpty(body.Namespace) ? null : body.Namespace;
        if (scope == AccessVocabulary.ScopeNamespace && !MeshIdentifiers.IsDnsLabel(ns))
        {
            return ApiFailure.BadRequest($"namespace '{ns}' is not a valid Kubernetes namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters)");
        }

        if (scope == AccessVocabulary.ScopeCluster && ns is not null)
        {
            return ApiFailure.BadRequest("namespace must be null for a cluster-scoped grant; use scope \"namespace\"");
        }

        var member = await MemberDirectory.FindByEmailAsync(grains, caller.OrganisationId!, email.Value!);
        return member is null
            ? ApiFailure.BadRequest($"{email.Value} is not a member of this organisation; add them first (POST /api/v1/organisation/members)")
            : new GrantRequest { UserId = member.UserId, UserEmail = member.Email, Scope = scope, Namespace = ns, Role = body.Role! };
    }
}
