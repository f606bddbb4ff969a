using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary><c>GET /api/v1/me</c>.</summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/me", async (HttpContext http, IGrainFactory grains) =>
    {
        var caller = ApiAuthFilter.CallerOf(http);
        var organisations = await Task.WhenAll(caller.User.OrganisationIds.Select(async id =>
        {
            var organisation = grains.GetGrain<IOrganisationGrain>(id);
            var info = await organisation.GetAsync();
            var member = await organisation.GetMemberAsync(caller.UserId);
            return new { id, name = info?.Name ?? string.Empty, role = member?.Role ?? string.Empty };
        }));
        return Results.Ok(new
        {
            id = caller.UserId,
            email = caller.User.Email,
            organisations,
            default_organisation_id = caller.User.OrganisationIds.FirstOrDefault(),
        });
    });
}
