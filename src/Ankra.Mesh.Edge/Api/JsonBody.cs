using System.Text.Json;
using Ankra.Mesh.Edge.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Api;

/// <summary>
/// Reads a JSON request body with a size limit and our own error messages (413 too large, 400
/// malformed) instead of the framework's binding errors.
/// </summary>
internal sealed class JsonBody(IOptions<EdgeOptions> edge, IOptions<JsonOptions> json)
{
    public async Task<ApiOutcome<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = edge.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return ApiFailure.BadRequest("A JSON request body is required");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json.Value.SerializerOptions) is { } value
                ? value
                : ApiFailure.BadRequest("A JSON object is required");
        }
        catch (JsonException ex)
        {
            return ApiFailure.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static ApiFailure TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes");
}
