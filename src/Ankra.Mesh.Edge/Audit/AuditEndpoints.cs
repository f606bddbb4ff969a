using System.Globalization;
using System.Text.RegularExpressions;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// <c>GET /api/v1/clusters/{cluster_id}/audit</c>: the cluster's gateway audit, newest first, for organisation admins
/// (a member gets 403). Filters: <c>user</c> (email or id), <c>verb</c>, <c>since</c>/<c>until</c> (RFC 3339);
/// paged like every collection (<c>page</c>, <c>page_size</c>).
/// </summary>
internal static partial class AuditEndpoints
{
    private const int MaxPageSize = 500;

    private static readonly ApiFailure AdminsOnly = ApiFailure.Forbidden("Only organisation admins can read a cluster's audit");

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/clusters/{cluster_id}/audit", async (HttpContext http, ClusterLookup clusters, IAuditStore store, IOptions<EdgeOptions> edge,
            string cluster_id, string? user, string? verb, string? since, string? until, string? page, string? page_size) =>
        {
            if (!edge.Value.AccessGatewayEnabled)
            {
                return ApiFailure.NotFound("Not found").ToResult();
            }

            var caller = ApiAuthFilter.CallerOf(http);
            var found = await clusters.FindForAdminAsync(caller, cluster_id, AdminsOnly);
            if (found.Failure is not null)
            {
                return found.Failure.ToResult();
            }

            var pageNumber = InputRules.WholeNumber(page, "page", fallback: 1, min: 1, max: 1_000_000);
            var pageSize = InputRules.WholeNumber(page_size, "page_size", fallback: 100, min: 1, max: MaxPageSize);
            var from = Timestamp(since, "since");
            var to = Timestamp(until, "until");
            var invalid = pageNumber.Failure ?? pageSize.Failure ?? from.Failure ?? to.Failure
                ?? (verb is not null && !VerbPattern().IsMatch(verb) ? ApiFailure.BadRequest("verb must be a Kubernetes verb such as get, list, watch, create, delete") : null)
                ?? (user is { Length: > 320 } ? ApiFailure.BadRequest("user must be an email or a user id") : null);
            if (invalid is not null)
            {
                return invalid.ToResult();
            }

            var query = new AuditQuery(cluster_id, NullIfEmpty(user), NullIfEmpty(verb), from.Value, to.Value, pageNumber.Value, pageSize.Value);
            AuditPage result;
            try
            {
                result = await store.QueryAsync(query, http.RequestAborted);
            }
            catch (NpgsqlException)
            {
                return new ApiFailure(StatusCodes.Status503ServiceUnavailable, "The audit database is unreachable from this edge right now; retry shortly.").ToResult();
            }

            var totalPages = Math.Max(1, (result.Total + query.PageSize - 1) / query.PageSize);
            return Results.Ok(new { result = result.Events, pagination = new Pagination(query.Page, totalPages, query.PageSize, result.Total) });
        });

    private static ApiOutcome<DateTimeOffset?> Timestamp(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new ApiOutcome<DateTimeOffset?>(null, null);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? new ApiOutcome<DateTimeOffset?>(parsed, null)
            : ApiFailure.BadRequest($"{name} must be an RFC 3339 time such as 2026-01-31T08:00:00Z");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("^[a-z]{1,32}$")]
    private static partial Regex VerbPattern();
}
