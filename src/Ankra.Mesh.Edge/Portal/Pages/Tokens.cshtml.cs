using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>The signed-in user's API tokens: list, create (secret shown once), revoke.</summary>
internal sealed class TokensModel(IGrainFactory grains, ApiTokenService tokens, IOptions<EdgeOptions> edge) : PortalPageModel
{
    public IReadOnlyList<ApiTokenInfo> Tokens { get; private set; } = [];

    public string? CreatedSecret { get; private set; }

    public string? FormError { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(string? name, int? expiresInDays)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        var days = expiresInDays ?? edge.Value.DefaultTokenExpiryDays;
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 || days < 1 || days > edge.Value.MaxTokenExpiryDays)
        {
            FormError = $"Give the token a name (1-100 characters) and a lifetime between 1 and {edge.Value.MaxTokenExpiryDays} days.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        (_, CreatedSecret) = await tokens.CreateAsync(Caller!.UserId, name.Trim(), days);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? tokenId)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        if (tokenId is not null && InputRules.Identifier(tokenId, "token id") is null)
        {
            await grains.GetGrain<IApiTokenGrain>(tokenId).RevokeAsync(Caller!.UserId);
        }

        return Redirect("/portal/tokens");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (!await SignedInAsync())
        {
            return SignInFirst();
        }

        var user = await grains.GetGrain<IUserGrain>(Caller!.UserId).GetAsync();
        var infos = await Task.WhenAll((user?.TokenIds ?? []).Select(id => grains.GetGrain<IApiTokenGrain>(id).GetAsync()));
        Tokens = [.. infos.OfType<ApiTokenInfo>().OrderBy(t => t.CreatedAt)];
        return null;
    }
}
