using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// Builds <c>meta/v1 Status</c> bodies the way the Kubernetes API server shapes them (with details and causes).
/// Deliberately not the mesh's <c>Ankra.Mesh.Contracts.Http.KubeStatusBody</c>: KubeSim stands in for another
/// product, the API server, and must not share code with the system it tests.
/// </summary>
internal static class StatusFactory
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject From(ApiException error) =>
        Failure(error.Code, error.Reason, error.Message, error.Details?.DeepClone().AsObject());

    public static JsonObject Success(string name, string group, string kind, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["uid"] = uid },
    };

    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");
}
