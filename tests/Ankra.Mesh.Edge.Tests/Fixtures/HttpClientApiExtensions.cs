using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>REST calls with a timeout on every await.</summary>
internal static class HttpClientApiExtensions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<ApiResponse> GetApiAsync(this HttpClient client, string path) => client.SendApiAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> PostApiAsync(this HttpClient client, string path, object? body = null) => client.SendApiAsync(HttpMethod.Post, path, body);

    public static Task<ApiResponse> DeleteApiAsync(this HttpClient client, string path) => client.SendApiAsync(HttpMethod.Delete, path);

    public static async Task<ApiResponse> SendApiAsync(this HttpClient client, HttpMethod method, string path, object? body = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        var response = await client.SendAsync(request).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return new ApiResponse(response.StatusCode, json, text, response);
    }
}
