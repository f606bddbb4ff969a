using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Authentication;

namespace Ankra.Mesh.KubeSim.Audit;

/// <summary>
/// An <see cref="AuditEvent"/> as the API server writes it to its audit log (<c>audit.k8s.io/v1</c> <c>Event</c>, stage
/// <c>ResponseComplete</c>): the authenticated identity in <c>user</c>, the impersonated one in <c>impersonatedUser</c>
/// (<c>username</c>, <c>uid</c>, <c>groups</c>, <c>extra</c>), so what a test reads is what an operator's log shows.
/// </summary>
public static class AuditEventJson
{
    public static JsonObject ToAuditJson(this AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["stage"] = "ResponseComplete",
            ["requestURI"] = entry.RequestUri,
            ["verb"] = entry.Verb,
        };
        if (entry.User is not null)
        {
            json["user"] = User(entry.User);
        }

        if (entry.ImpersonatedUser is not null)
        {
            json["impersonatedUser"] = User(entry.ImpersonatedUser);
        }

        if (entry.Resource.Length > 0)
        {
            var reference = new JsonObject { ["resource"] = entry.Resource };
            AddIfSet(reference, "namespace", entry.Namespace);
            AddIfSet(reference, "name", entry.Name);
            AddIfSet(reference, "apiGroup", entry.ApiGroup);
            AddIfSet(reference, "subresource", entry.Subresource);
            json["objectRef"] = reference;
        }

        json["responseStatus"] = new JsonObject { ["metadata"] = new JsonObject(), ["code"] = entry.ResponseCode };
        json["requestReceivedTimestamp"] = entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return json;
    }

    // authentication.k8s.io/v1 UserInfo: empty uid and extra are left out, as Go's omitempty does.
    private static JsonObject User(UserInfo user)
    {
        var json = new JsonObject { ["username"] = user.Name };
        AddIfSet(json, "uid", user.Uid);
        json["groups"] = new JsonArray([.. user.Groups.Select(g => JsonValue.Create(g))]);
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra)
            {
                extra[key] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }

            json["extra"] = extra;
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string value)
    {
        if (value.Length > 0)
        {
            json[name] = value;
        }
    }
}
