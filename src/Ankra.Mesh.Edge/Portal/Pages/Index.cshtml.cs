using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>The start page: sign-in, "not a member yet", or the organisation's clusters with online state and last seen.</summary>
internal sealed class IndexModel : PortalPageModel
{
    /// <summary>The current organisation's clusters, oldest first.</summary>
    public IReadOnlyList<ClusterInfo> Clusters { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (await SignedInAsync() && Caller!.OrganisationId is { } organisationId)
        {
            var lookup = HttpContext.RequestServices.GetRequiredService<ClusterLookup>();
            Clusters = [.. (await lookup.ListAsync(organisationId)).OrderBy(c => c.CreatedAt)];
        }
    }
}
