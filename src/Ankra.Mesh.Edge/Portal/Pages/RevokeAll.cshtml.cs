using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>Revoke all, behind a confirmation page (a POST with antiforgery), for admins only.</summary>
internal sealed class RevokeAllModel(IGrainFactory grains, ClusterLookup clusters, ILogger<RevokeAllModel> logger) : PortalPageModel
{
    public string ClusterId { get; private set; } = string.Empty;

    public string? ClusterName { get; private set; }

    public int? Revoked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clusterId) => await LoadAsync(clusterId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string clusterId)
    {
        if (await LoadAsync(clusterId) is { } refused)
        {
            return refused;
        }

        Revoked = await grains.GetGrain<IClusterGrain>(clusterId).RevokeAllAsync();
        EdgeLog.PortalRevokedAll(logger, clusterId, Caller!.User.Email);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string clusterId)
    {
        if (!await SignedInAsync())
        {
            return SignInFirst();
        }

        var found = await clusters.FindAsync(Caller!, clusterId);
        if (found.Failure is not null)
        {
            return Refuse(StatusCodes.Status404NotFound, "Cluster not found", "There is no such cluster in your current organisation.");
        }

        if (!Caller!.IsAdmin)
        {
            return Refuse(StatusCodes.Status403Forbidden, "Admins only",
                $"Only admins of this organisation can revoke all access to {found.Value!.Name}; you are a {Caller.Role}.");
        }

        (ClusterId, ClusterName) = (clusterId, found.Value!.Name);
        return null;
    }
}
