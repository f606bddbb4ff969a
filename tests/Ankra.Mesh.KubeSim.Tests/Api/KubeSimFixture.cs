using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Hosting;

namespace Ankra.Mesh.KubeSim.Tests.Api;

/// <summary>A KubeSim for HTTP-level tests, with an admin and an unprivileged user token.</summary>
public sealed class KubeSimFixture : IAsyncLifetime
{
    public const string AdminToken = "api-admin";
    public const string UserToken = "api-user";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public KubeSimHost Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KubeSimHost.StartAsync(o => o.WatchBufferSize = 16).WaitAsync(Timeout);
        Server.AddUserToken(AdminToken, "root", "system:masters");
        Server.AddUserToken(UserToken, "erin");
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    public HttpClient Client(string? token = AdminToken)
    {
        var client = new HttpClient { BaseAddress = Server.HttpUrl, Timeout = Timeout };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Body(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(Timeout))!.AsObject();
}
