using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Tests.Watch;

/// <summary>?watch=true over HTTP: replay from a resourceVersion, 410 for compacted history, timeoutSeconds, bookmarks.</summary>
public sealed class WatchEndpointTests(Api.KubeSimFixture fixture) : IClassFixture<Api.KubeSimFixture>
{
    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterChangesThenLiveOnes()
    {
        using var client = fixture.Client();
        var created = await Create(client, "replayed");
        await Patch(client, "replayed", "2");

        using var stream = await OpenAsync(client, $"api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dreplayed&resourceVersion={Rv(created)}");
        var replayed = await NextAsync(stream);
        await Patch(client, "replayed", "3");
        var live = await NextAsync(stream);

        Assert.Equal(("MODIFIED", "2"), (replayed["type"]!.GetValue<string>(), replayed["object"]!["data"]!["v"]!.GetValue<string>()));
        Assert.Equal(("MODIFIED", "3"), (live["type"]!.GetValue<string>(), live["object"]!["data"]!["v"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_SendsExpiredStatus()
    {
        using var client = fixture.Client();
        var created = await Create(client, "compacted");
        await Patch(client, "compacted", "2");
        fixture.Server.CompactWatchHistory();

        using var stream = await OpenAsync(client, $"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={Rv(created)}");
        var error = await NextAsync(stream);

        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_NoResourceVersionAndTimeout_ListsCurrentThenEnds()
    {
        using var client = fixture.Client();
        await Create(client, "existing");

        using var stream = await OpenAsync(client, "api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&fieldSelector=metadata.name%3Dexisting");
        var added = await NextAsync(stream);
        var end = await stream.ReadLineAsync().WaitAsync(Api.KubeSimFixture.Timeout);

        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Null(end);
    }

    [Fact]
    public async Task Watch_LabelSelector_TurnsModificationsIntoAddedAndDeleted()
    {
        using var client = fixture.Client();
        await Create(client, "selected");

        using var stream = await OpenAsync(client, "api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&labelSelector=pick%3Dme");
        await PatchLabel(client, "selected", "\"me\"");
        var added = await NextAsync(stream);
        await PatchLabel(client, "selected", "null");
        var deleted = await NextAsync(stream);

        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("DELETED", deleted["type"]!.GetValue<string>());
        Assert.Equal("selected", deleted["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    private static async Task<JsonObject> Create(HttpClient client, string name)
    {
        var response = await client.PostAsync("api/v1/namespaces/default/configmaps",
            Api.KubeSimFixture.Body("""{"metadata":{"name":"NAME"},"data":{"v":"1"}}""".Replace("NAME", name, StringComparison.Ordinal)));
        response.EnsureSuccessStatusCode();
        return await Api.KubeSimFixture.ReadAsync(response);
    }

    private static async Task Patch(HttpClient client, string name, string value) =>
        (await client.PatchAsync($"api/v1/namespaces/default/configmaps/{name}",
            Api.KubeSimFixture.Body("""{"data":{"v":"VALUE"}}""".Replace("VALUE", value, StringComparison.Ordinal), "application/merge-patch+json"))).EnsureSuccessStatusCode();

    private static async Task PatchLabel(HttpClient client, string name, string value) =>
        (await client.PatchAsync($"api/v1/namespaces/default/configmaps/{name}",
            Api.KubeSimFixture.Body("""{"metadata":{"labels":{"pick":VALUE}}}""".Replace("VALUE", value, StringComparison.Ordinal), "application/merge-patch+json"))).EnsureSuccessStatusCode();

    private static string Rv(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static async Task<StreamReader> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Api.KubeSimFixture.Timeout);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<JsonObject> NextAsync(StreamReader stream)
    {
        var line = await stream.ReadLineAsync().WaitAsync(Api.KubeSimFixture.Timeout);
        return JsonNode.Parse(line ?? throw new InvalidOperationException("the watch ended"))!.AsObject();
    }
}
