using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Api;

/// <summary>API tokens: list, create (secret shown once), revoke one, revoke the caller's own (logout).</summary>
internal static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/tokens", async (HttpContext http, IGrainFactory grains) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            var tokens = await Task.WhenAll(caller.User.TokenIds.Select(id => grains.GetGrain<IApiTokenGrain>(id).GetAsync()));
            var result = tokens.OfType<ApiTokenInfo>().OrderBy(t => t.CreatedAt)
                .Select(t => new { id = t.Id, name = t.Name, created_at = t.CreatedAt, expires_at = t.ExpiresAt, last_used_at = t.LastUsedAt })
                .ToList();
            return Results.Ok(new { result, pagination = Pagination.Single(result.Count) });
        });

        api.MapPost("/tokens", async (HttpContext http, JsonBody json, ApiTokenService tokens, IGrainFactory grains, IOptions<EdgeOptions> options) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            var body = await json.ReadAsync<CreateTokenBody>(http.Request, http.RequestAborted);
            if (body.Failure is not null)
            {
                return body.Failure.ToResult();
            }

            var name = body.Value!.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100)
            {
                return ApiFailure.BadRequest("name is required (1-100 characters)").ToResult();
            }

            var days = body.Value.ExpiresInDays ?? options.Value.DefaultTokenExpiryDays;
            if (days < 1 || days > options.Value.MaxTokenExpiryDays)
            {
                return ApiFailure.BadRequest($"expires_in_days must be between 1 and {options.Value.MaxTokenExpiryDays}").ToResult();
            }

            var owner = await OwnerAsync(caller, body.Value.UserEmail, grains);
            if (owner.Failure is not null)
            {
                return owner.Failure.ToResult();
            }

            var (info, token) = await tokens.CreateAsync(owner.Value!, name, days);
            return Results.Json(new { id = info.Id, name = info.Name, token, expires_at = info.ExpiresAt }, statusCode: StatusCodes.Status201Created);
        });

        api.MapDelete("/tokens/current", (HttpContext http, IGrainFactory grains) =>
            RevokeAsync(grains, ApiAuthFilter.CallerOf(http), ApiAuthFilter.CallerOf(http).TokenId));

        api.MapDelete("/tokens/{token_id}", (HttpContext http, IGrainFactory grains, string token_id) =>
            InputRules.Identifier(token_id, "token id") is { } invalid
                ? Task.FromResult(invalid.ToResult())
                : RevokeAsync(grains, ApiAuthFilter.CallerOf(http), token_id));
    }

    // Until a browser login exists, members get their first token from an admin of their organisation.
    private static async Task<ApiOutcome<string>> OwnerAsync(Caller caller, string? userEmail, IGrainFactory grains)
    {
        if (userEmail is null)
        {
            return caller.UserId;
        }

        if (!caller.IsAdmin)
        {
            return ApiFailure.Forbidden("Only organisation admins can create tokens for other members");
        }

        var email = InputRules.Email(userEmail, "user_email");
        if (email.Failure is not null)
        {
            return email.Failure;
        }

        var member = await MemberDirectory.FindByEmailAsync(grains, caller.OrganisationId!, email.Value!);
        return member is null ? ApiFailure.BadRequest($"{email.Value} is not a member of this organisation") : member.UserId;
    }

    private static async Task<IResult> RevokeAsync(IGrainFactory grains, Caller caller, string tokenId) =>
        await grains.GetGrain<IApiTokenGrain>(tokenId).RevokeAsync(caller.UserId)
            ? Results.Ok(new { deleted = true })
            : ApiFailure.NotFound("Token not found").ToResult();
}
