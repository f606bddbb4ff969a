using Ankra.Mesh.Edge.AgentInstall;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Clusters: list (paged, filters), get, create/import, delete, rotate the agent token.</summary>
internal static class ClusterEndpoints
{
    private const int MaxPageSize = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/clusters", async (HttpContext http, ClusterLookup clusters, string? page, string? page_size, string? cluster_name, string? cluster_id) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            var pageNumber = InputRules.WholeNumber(page, "page", fallback: 1, min: 1, max: int.MaxValue);
            var pageSize = InputRules.WholeNumber(page_size, "page_size", fallback: 20, min: 1, max: MaxPageSize);
            if ((pageNumber.Failure ?? pageSize.Failure) is { } invalid)
            {
                return invalid.ToResult();
            }

            var (number, size) = (pageNumber.Value, pageSize.Value);
            var all = caller.OrganisationId is null ? [] : await clusters.ListAsync(caller.OrganisationId);
            var matching = all
                .Where(c => cluster_name is null || c.Name == cluster_name)
                .Where(c => cluster_id is null || c.Id == cluster_id)
                .OrderBy(c => c.CreatedAt)
                .ToList();
            var totalPages = Math.Max(1, (matching.Count + size - 1) / size);

            // In long: (page - 1) * page_size overflows int for the last pages, and a negative Skip would answer page 1.
            var skip = (long)(number - 1) * size;
            var result = matching.Skip((int)Math.Min(skip, matching.Count)).Take(size).Select(ClusterResponse.From).ToList();
            return Results.Ok(new { result, pagination = new Pagination(number, totalPages, size, matching.Count) });
        });

        api.MapGet("/clusters/{cluster_id}", async (HttpContext http, ClusterLookup clusters, string cluster_id) =>
        {
            var found = await clusters.FindAsync(ApiAuthFilter.CallerOf(http), cluster_id);
            return found.Failure?.ToResult() ?? Results.Ok(ClusterResponse.From(found.Value!));
        });

        api.MapPost("/clusters", async (HttpContext http, JsonBody json, ClusterLookup clusters, IGrainFactory grains, PublicBaseUrl urls) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            if (!caller.IsAdmin)
            {
                return ApiFailure.Forbidden("Only organisation admins can create clusters").ToResult();
            }

            var body = await json.ReadAsync<CreateClusterBody>(http.Request, http.RequestAborted);
            if (body.Failure is not null)
            {
                return body.Failure.ToResult();
            }

            var (name, kind) = (body.Value!.Name, body.Value.Kind ?? AccessVocabulary.KindImported);
            if (!MeshIdentifiers.IsDnsLabel(name))
            {
                return ApiFailure.BadRequest("name must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters").ToResult();
            }

            if (InputRules.OneOf(kind, AccessVocabulary.ClusterKinds, "kind") is { } badKind)
            {
                return badKind.ToResult();
            }

            if ((await clusters.ListAsync(caller.OrganisationId!)).Any(c => c.Name == name))
            {
                return ApiFailure.Conflict($"A cluster named {name} already exists in this organisation").ToResult();
            }

            // Indexed first, created last: the cluster's own record is the commit point. When it cannot be
            // written the caller gets 503 and no cluster exists (the list skips an index entry with no
            // cluster behind it), so a retry creates exactly one.
            var clusterId = MeshIdentifiers.NewId();
            var secret = SecretHash.NewSecret();
            await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).AddClusterAsync(clusterId);
            var created = await grains.GetGrain<IClusterGrain>(clusterId).CreateAsync(new CreateClusterCommand
            {
                Name = name!,
                Kind = kind,
                OrganisationId = caller.OrganisationId!,
                CreatorUserId = caller.UserId,
                CreatorEmail = caller.User.Email,
                AgentTokenHash = SecretHash.Of(secret),
            });
            var agentToken = SecretToken.Create(SecretToken.AgentPrefix, clusterId, secret);
            var installUrl = AgentInstallEndpoints.UrlFor(urls.For(http), clusterId);
            return Results.Json(new
            {
                cluster = ClusterResponse.From(created.Value!),
                agent_token = agentToken,
                install_url = installUrl,
                install_command = InstallCommand(installUrl, agentToken),
            }, statusCode: StatusCodes.Status201Created);
        });

        api.MapDelete("/clusters/{cluster_id}", async (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            var found = await clusters.FindForAdminAsync(caller, cluster_id, ApiFailure.Forbidden("Only organisation admins can delete clusters"));
            if (found.Failure is not null)
            {
                return found.Failure.ToResult();
            }

            // The cluster's own record is the commit point (access ends there); the index entry goes after it.
            // Should that second write fail, the caller gets 503 and a retry finishes it: the list already skips
            // an index entry whose cluster is gone, and a retried DELETE of the gone cluster answers 404.
            await grains.GetGrain<IClusterGrain>(cluster_id).DeleteAsync();
            await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).RemoveClusterAsync(cluster_id);
            return Results.Ok(new { deleted = true });
        });

        api.MapPost("/clusters/{cluster_id}/agent-token/rotate", async (HttpContext http, ClusterLookup clusters, IGrainFactory grains, string cluster_id) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            var found = await clusters.FindForAdminAsync(caller, cluster_id, ApiFailure.Forbidden("Only organisation admins can rotate agent tokens"));
            if (found.Failure is not null)
            {
                return found.Failure.ToResult();
            }

            var secret = SecretHash.NewSecret();
            await grains.GetGrain<IClusterGrain>(cluster_id).RotateAgentTokenAsync(SecretHash.Of(secret));
            return Results.Ok(new { agent_token = SecretToken.Create(SecretToken.AgentPrefix, cluster_id, secret) });
        });
    }

    /// <summary>
    /// The install a customer runs in their cluster: the edge serves the rendered manifests (the registration Secret
    /// included) to the holder of the token. The token is inline here because the API hands it out in the same
    /// answer; <c>ankra cluster import --token-file</c> prints a command that reads the file instead.
    /// </summary>
    internal static string InstallCommand(string installUrl, string agentToken) => AgentInstallEndpoints.Command(installUrl, agentToken);
}
