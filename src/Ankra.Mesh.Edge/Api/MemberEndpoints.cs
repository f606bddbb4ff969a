using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Organisation members: list (any member), add, change email and remove (admins).</summary>
internal static class MemberEndpoints
{
    private static readonly ApiFailure NoOrganisation = ApiFailure.Forbidden("You are not a member of any organisation");
    private static readonly ApiFailure AdminsOnly = ApiFailure.Forbidden("Only organisation admins can manage members");

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/organisation/members", async (HttpContext http, IGrainFactory grains) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            if (caller.OrganisationId is null)
            {
                return NoOrganisation.ToResult();
            }

            return Results.Ok(new { result = await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId).ListMembersAsync() });
        });

        api.MapPost("/organisation/members", async (HttpContext http, JsonBody json, IGrainFactory grains) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            if (!caller.IsAdmin)
            {
                return (caller.OrganisationId is null ? NoOrganisation : AdminsOnly).ToResult();
            }

            var body = await json.ReadAsync<AddMemberBody>(http.Request, http.RequestAborted);
            if (body.Failure is not null)
            {
                return body.Failure.ToResult();
            }

            var email = InputRules.Email(body.Value!.Email, "email");
            var role = body.Value.Role ?? "member";
            var invalid = email.Failure ?? InputRules.OneOf(role, AccessVocabulary.MemberRoles, "role");
            if (invalid is not null)
            {
                return invalid.ToResult();
            }

            var userId = await grains.GetGrain<IUserDirectoryGrain>(email.Value!).GetOrCreateUserIdAsync();
            var added = await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).AddMemberAsync(userId, email.Value!, role);
            return added.Succeeded
                ? Results.Json(new { member = added.Value }, statusCode: added.Unchanged ? StatusCodes.Status200OK : StatusCodes.Status201Created)
                : ApiFailure.Conflict(added.Message).ToResult();
        });

        // The email is who the member is in every cluster (the impersonated user and the bindings' subject): changing
        // it renames their grants everywhere, and the agents rebind them. Their API and kube tokens keep working — they
        // name the user id, and the name to impersonate comes from the cluster grain's decision, never from a token.
        api.MapPatch("/organisation/members/{user_id}", async (HttpContext http, JsonBody json, IGrainFactory grains, string user_id) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            if (!caller.IsAdmin)
            {
                return (caller.OrganisationId is null ? NoOrganisation : AdminsOnly).ToResult();
            }

            if (InputRules.Identifier(user_id, "user id") is { } invalidId)
            {
                return invalidId.ToResult();
            }

            var body = await json.ReadAsync<ChangeMemberBody>(http.Request, http.RequestAborted);
            if (body.Failure is not null)
            {
                return body.Failure.ToResult();
            }

            var email = InputRules.Email(body.Value!.Email, "email");
            if (email.Failure is not null)
            {
                return email.Failure.ToResult();
            }

            var changed = await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).ChangeMemberEmailAsync(user_id, email.Value!);
            return changed.Error switch
            {
                ControlPlaneError.None => Results.Ok(new { member = changed.Value }),
                ControlPlaneError.NotFound => ApiFailure.NotFound(changed.Message).ToResult(),
                ControlPlaneError.Conflict => ApiFailure.Conflict(changed.Message).ToResult(),
                _ => ApiFailure.BadRequest(changed.Message).ToResult(),
            };
        });

        api.MapDelete("/organisation/members/{user_id}", async (HttpContext http, IGrainFactory grains, string user_id) =>
        {
            var caller = ApiAuthFilter.CallerOf(http);
            if (!caller.IsAdmin)
            {
                return (caller.OrganisationId is null ? NoOrganisation : AdminsOnly).ToResult();
            }

            if (InputRules.Identifier(user_id, "user id") is { } invalid)
            {
                return invalid.ToResult();
            }

            var removed = await grains.GetGrain<IOrganisationGrain>(caller.OrganisationId!).RemoveMemberAsync(user_id);
            return removed.Error switch
            {
                ControlPlaneError.None => Results.Ok(new { deleted = true }),
                ControlPlaneError.NotFound => ApiFailure.NotFound(removed.Message).ToResult(),
                _ => ApiFailure.BadRequest(removed.Message).ToResult(),
            };
        });
    }
}
