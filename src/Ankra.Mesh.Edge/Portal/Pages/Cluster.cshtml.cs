using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>
/// A cluster's Access view. Everyone sees their own access and downloads a kubeconfig; admins also see every
/// grant (status refreshing by itself), the members, and grant, revoke and revoke-all. The rules are the token
/// API's: <see cref="ClusterLookup"/> (404 outside the organisation), admin-only writes, the same grant validation.
/// </summary>
internal sealed class ClusterModel(IGrainFactory grains, ClusterLookup clusters, KubeAccessService access, PublicBaseUrl urls,
    IOptions<EdgeOptions> edge, IOptions<KubeTokenOptions> kubeTokens) : PortalPageModel
{
    internal ClusterInfo? Cluster { get; private set; }

    internal IReadOnlyList<GrantInfo> Grants { get; private set; } = [];

    internal IReadOnlyList<MemberInfo> Members { get; private set; } = [];

    public bool HasAccess { get; private set; }

    public string? FormError { get; private set; }

    public string TokenLifetimeText => $"{kubeTokens.Value.Lifetime.TotalMinutes:0} minutes";

    public async Task<IActionResult> OnGetAsync(string clusterId) => await LoadAsync(clusterId) ?? Page();

    public async Task<IActionResult> OnPostGrantAsync(string clusterId, string? userEmail, string? role, string? scope, [FromForm(Name = "namespace")] string? grantNamespace)
    {
        if (await LoadAsync(clusterId, adminOnly: true) is { } refused)
        {
            return refused;
        }

        var body = new CreateGrantBody(userEmail, scope, role, scope == AccessVocabulary.ScopeCluster ? null : grantNamespace?.Trim());
        var request = await AccessEndpoints.GrantRequestFrom(body, Caller!, grains);
        if (request.Failure is not null)
        {
            return Invalid(request.Failure.Detail);
        }

        var created = await grains.GetGrain<IClusterGrain>(clusterId).CreateGrantAsync(request.Value!);
        return created.Succeeded ? Redirect($"/portal/clusters/{clusterId}") : Invalid(created.Message);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string clusterId, string? grantId)
    {
        if (await LoadAsync(clusterId, adminOnly: true) is { } refused)
        {
            return refused;
        }

        if (grantId is null || InputRules.Identifier(grantId, "grant id") is not null || !await grains.GetGrain<IClusterGrain>(clusterId).DeleteGrantAsync(grantId))
        {
            return Invalid("That grant no longer exists.");
        }

        return Redirect($"/portal/clusters/{clusterId}");
    }

    public async Task<IActionResult> OnPostKubeconfigAsync(string clusterId)
    {
        if (await LoadAsync(clusterId) is { } refused)
        {
            return refused;
        }

        var minted = await access.MintAsync(Caller!, clusterId, urls.KubeServer(HttpContext, clusterId));
        if (minted.Failure is { } failure)
        {
            return Refuse(failure.StatusCode, "No kubeconfig", failure.Detail);
        }

        // A member whose grants are all in one namespace gets it as the context's default.
        var namespaces = Grants.Where(g => g.AnkraUserId == Caller!.UserId).Select(g => g.Namespace).Distinct().ToList();
        return new ResultActionResult(PortalApiEndpoints.KubeconfigDownload(minted.Value!, namespaces is [{ } only] ? only : null));
    }

    /// <summary>Loads the cluster and the caller's view of it; a result when the page must not be shown.</summary>
    private async Task<IActionResult?> LoadAsync(string clusterId, bool adminOnly = false)
    {
        if (!await SignedInAsync())
        {
            return SignInFirst();
        }

        var found = edge.Value.AccessGatewayEnabled ? await clusters.FindAsync(Caller!, clusterId) : ApiFailure.ClusterNotFound;
        if (found.Failure is not null)
        {
            return Refuse(StatusCodes.Status404NotFound, "Cluster not found",
                "There is no such cluster in your current organisation. If it belongs to another organisation you are a member of, switch organisation first.");
        }

        Cluster = found.Value!;
        if (adminOnly && !Caller!.IsAdmin)
        {
            return Refuse(StatusCodes.Status403Forbidden, "Admins only",
                $"Only admins of this organisation can change access to {Cluster.Name}; you are a {Caller.Role}. Ask an admin to grant or revoke access.");
        }

        var grain = grains.GetGrain<IClusterGrain>(clusterId);
        var grants = await grain.ListGrantsAsync();
        Grants = Caller!.IsAdmin ? grants : [.. grants.Where(g => g.AnkraUserId == Caller.UserId)];
        Members = Caller.IsAdmin ? await grains.GetGrain<IOrganisationGrain>(Caller.OrganisationId!).ListMembersAsync() : [];
        HasAccess = (await grain.AuthorizeAsync(Caller.UserId, Cluster.Generation)).Allowed;
        return null;
    }

    private PageResult Invalid(string message)
    {
        FormError = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
