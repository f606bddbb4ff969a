using System.Net;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>A REST answer: status, parsed JSON (when JSON), raw text and headers.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, string Text, HttpResponseMessage Message)
{
    public string Detail => Json?["detail"]?.GetValue<string>() ?? $"(no detail; body: {Text})";

    public string Str(string property) => Json?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{property}' in {Text}");
}
