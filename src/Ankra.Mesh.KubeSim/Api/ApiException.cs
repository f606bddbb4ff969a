using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// A failure that kubectl must see as a Kubernetes <c>Status</c> object; thrown anywhere below the
/// request pipeline and written once by <see cref="ApiRequestHandler"/>.
/// </summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public static ApiException NotFound(string qualifiedResource, string name, string group, string kind) =>
        new(404, "NotFound", $"{qualifiedResource} \"{name}\" not found", Describe(name, group, kind));

    public static ApiException AlreadyExists(string qualifiedResource, string name, string group, string kind) =>
        new(409, "AlreadyExists", $"{qualifiedResource} \"{name}\" already exists", Describe(name, group, kind));

    public static ApiException Conflict(string qualifiedResource, string name, string group, string kind, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {qualifiedResource} \"{name}\": {why}", Describe(name, group, kind));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Invalid(string qualifiedResource, string name, string group, string kind, string field, string why) =>
        new(422, "Invalid", $"{qualifiedResource} \"{name}\" is invalid: {field}: {why}", Describe(name, group, kind));

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Gone(string message) => new(410, "Expired", message);

    /// <summary>The <c>details</c> of a Status: name (when there is one), group (when not core) and kind.</summary>
    public static JsonObject Describe(string name, string group, string kind)
    {
        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }
}
