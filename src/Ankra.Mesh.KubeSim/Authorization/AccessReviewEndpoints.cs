using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Authentication;
using Ankra.Mesh.KubeSim.Resources;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Authorization;

/// <summary>
/// The create-only review resources: <c>SelfSubjectAccessReview</c> (<c>kubectl auth can-i</c>),
/// <c>SelfSubjectRulesReview</c> (<c>can-i --list</c>) and <c>SelfSubjectReview</c> (<c>kubectl auth whoami</c>),
/// answered for the (possibly impersonated) requesting identity.
/// </summary>
internal sealed class AccessReviewEndpoints(RbacAuthorizer authorizer)
{
    public async Task HandleAsync(HttpContext context, ResourceType type, UserInfo user)
    {
        var review = await ResponseWriter.ReadObjectAsync(context.Request, context.RequestAborted);
        review["apiVersion"] = type.ApiVersion;
        review["kind"] = type.Kind;
        review["metadata"] ??= new JsonObject();
        review["status"] = type.Kind switch
        {
            "SelfSubjectAccessReview" => AccessReview(review, user),
            "SelfSubjectRulesReview" => RulesReview(review, user),
            _ => new JsonObject { ["userInfo"] = UserInfoJson(user) },
        };
        await ResponseWriter.WriteJsonAsync(context, 201, review);
    }

    private JsonObject AccessReview(JsonObject review, UserInfo user)
    {
        var spec = review["spec"];
        AuthorizationAttributes attributes;
        if (spec?["resourceAttributes"] is JsonObject resource)
        {
            attributes = new AuthorizationAttributes(user, Json.Str(resource, "verb") ?? "", true, Json.Str(resource, "group") ?? "",
                Json.Str(resource, "resource") ?? "", Json.Str(resource, "subresource") ?? "", Json.Str(resource, "namespace") ?? "",
                Json.Str(resource, "name") ?? "", "");
        }
        else if (spec?["nonResourceAttributes"] is JsonObject nonResource)
        {
            attributes = new AuthorizationAttributes(user, Json.Str(nonResource, "verb") ?? "", false, "", "", "", "", "", Json.Str(nonResource, "path") ?? "");
        }
        else
        {
            throw new ApiException(422, "Invalid", "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var allowed = authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = allowed };
        if (allowed)
        {
            status["reason"] = "RBAC: allowed by RoleBinding or ClusterRoleBinding";
        }

        return status;
    }

    private JsonObject RulesReview(JsonObject review, UserInfo user)
    {
        var ns = Json.Str(review, "spec.namespace") ?? "";
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in authorizer.RulesFor(user, ns))
        {
            var target = rule?["nonResourceURLs"] is not null ? nonResourceRules : resourceRules;
            target.Add(rule?.DeepClone());
        }

        return new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false };
    }

    private static JsonObject UserInfoJson(UserInfo user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        info["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)JsonValue.Create(g))]);
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra)
            {
                extra[key] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
            }

            info["extra"] = extra;
        }

        return info;
    }
}
