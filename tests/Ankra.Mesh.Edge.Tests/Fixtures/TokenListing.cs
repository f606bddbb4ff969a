using System.Net;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>Reads a user's API tokens the way a user does: <c>GET /api/v1/tokens</c>.</summary>
internal static class TokenListing
{
    /// <summary>Ids of the caller's live tokens named "bootstrap".</summary>
    public static async Task<List<string>> BootstrapTokenIdsAsync(HttpClient caller)
    {
        var list = await caller.GetApiAsync("/api/v1/tokens");
        if (list.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"listing tokens failed: {list.Status} {list.Text}");
        }

        return [.. list.Json!["result"]!.AsArray()
            .Where(t => t!["name"]!.GetValue<string>() == "bootstrap")
            .Select(t => t!["id"]!.GetValue<string>())];
    }

    /// <summary>The id part of an API token (<c>ank_&lt;id&gt;_&lt;secret&gt;</c>), as listings show it.</summary>
    public static string IdOf(string token) => token.Split('_')[1];
}
