using System.Net;
using System.Text;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class UnaryRequestTests(TunnelFixture fixture)
{
    public static TheoryData<string> Methods => ["GET", "POST", "PUT", "DELETE", "PATCH"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Send_MethodWithHeadersAndBody_ArrivesByteExactAndResponseComesBack(string method)
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        var body = method is "GET" or "DELETE" ? [] : Encoding.UTF8.GetBytes($"{{\"kind\":\"ConfigMap\",\"method\":\"{method}\",\"bytes\":\"\u00e9\u0000\"}}");
        using var request = pair.Request(new HttpMethod(method), "/echo/api/v1/namespaces/default/configmaps?labelSelector=a%3Db&limit=5");
        request.Headers.TryAddWithoutValidation("X-Test-Trace", "one, two");
        request.Headers.TryAddWithoutValidation("X-Test-Empty", "");
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/merge-patch+json");
        }

        using var response = await pair.SendAsync(request);
        var received = await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, Single(response, "X-Method"));
        Assert.Equal("/echo/api/v1/namespaces/default/configmaps?labelSelector=a%3Db&limit=5", Single(response, "X-Path"));
        Assert.Equal("one, two", Single(response, "X-Seen-Trace"));
        Assert.Equal(body, received);
        if (body.Length > 0)
        {
            Assert.Equal("application/merge-patch+json", response.Content.Headers.ContentType?.ToString());
        }

        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_BackendAnswersNotFound_StatusAndBodyComeBackUnchanged()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Post, "/echo/missing?status=404");
        request.Content = new StringContent("""{"kind":"Status","code":404}""");

        using var response = await pair.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"kind":"Status","code":404}""", await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_BackendRedirects_RedirectReachesClientUnfollowed()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Get, "/redirect");

        using var response = await pair.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/echo/after-redirect", response.Headers.Location?.OriginalString);
        await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await pair.AssertNoStreamsLeftAsync();
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues(name));
}
