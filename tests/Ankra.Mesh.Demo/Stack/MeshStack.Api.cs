using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.PrivateCa;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>Direct calls to the edge's REST API as the bootstrap admin (for steps the CLI has no command for).</summary>
public sealed partial class MeshStack
{
    /// <summary>An HTTP client that trusts the stack's CA and sends <paramref name="bearer"/> (the admin's token by default).</summary>
    public HttpClient EdgeClient(string? bearer = null)
    {
        var trust = PrivateCaTrust.FromFile(Certificates.CaPath);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => trust.Validate(request, certificate, chain, errors),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(EdgeUrl), Timeout = CliTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? AdminToken);
        return client;
    }

    /// <summary>Adds <paramref name="email"/> to the organisation as a member.</summary>
    public async Task AddMemberAsync(string email, CancellationToken cancellationToken = default)
    {
        using var client = EdgeClient();
        using var response = await client.PostAsJsonAsync("/api/v1/organisation/members", new JsonObject { ["email"] = email, ["role"] = "member" }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"adding {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
