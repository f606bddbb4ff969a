using System.Text.Json;

namespace Ankra.Mesh.Cli.Api;

/// <summary>JSON settings of the user API: snake_case field names.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
