using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>Writes JSON bodies straight into the response pipe.</summary>
internal static class ResponseWriter
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            body.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext context, ApiException error) =>
        WriteJsonAsync(context, error.Code, StatusFactory.From(error));

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await ReadBytesAsync(request, cancellationToken);
        return ProtobufReader.IsProtobuf(request.ContentType) ? ProtobufReader.Read(body) : Resources.Json.ParseObject(body);
    }

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await ReadBytesAsync(request, cancellationToken);
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException error)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON: {error.Message}");
        }
    }
}
