using System.Net;
using System.Text;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// Bad input is answered as bad input: the right 4xx with a <c>{"detail"}</c> that names what was wrong,
/// never 503 "temporarily unavailable" and never an empty body; the kube proxy answers with <c>Status</c> objects.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ApiErrorTests(EmbeddedEdgeFixture fixture)
{
    [Theory]
    [InlineData("page=99999999999", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page_size=abc", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page_size=-1", "page_size")]
    public async Task ListClusters_BadPaging_Returns400NamingTheParameter(string query, string parameter)
    {
        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith($"{parameter} must be", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListClusters_LastPossiblePage_ReturnsEmptyPageNotTheFirst()
    {
        await fixture.NewClusterAsync();
        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters?page={int.MaxValue}&page_size=100");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Json!["result"]!.AsArray());
        Assert.Equal(int.MaxValue, response.Json["pagination"]!["page"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownRoute_UnderApi_Returns404WithDetail()
    {
        var response = await fixture.Admin.Client.GetApiAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("/api/v1/no-such-thing", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_KnownRoute_Returns405WithDetailAndAllow()
    {
        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Put, "/api/v1/me");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains("PUT", response.Detail, StringComparison.Ordinal);
        Assert.Contains("GET", response.Message.Content.Headers.Allow);
    }

    [Fact]
    public async Task Body_LargerThanLimit_Returns413WithDetail()
    {
        var content = new StringContent($"{{\"name\":\"{new string('x', 8192)}\"}}", Encoding.UTF8, "application/json");
        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Post, "/api/v1/tokens", content: content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("larger than 4096 bytes", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_MalformedChunkedEncoding_Returns400WithKestrelsReason()
    {
        // HttpClient cannot send a broken chunk: write the request by hand. Kestrel rejects the body when the
        // endpoint reads it, inside the application, so the answer has a body.
        using var socket = new System.Net.Sockets.TcpClient();
        var url = new Uri(fixture.Edge.RestUrl);
        await socket.ConnectAsync(url.Host, url.Port).WaitAsync(HttpClientApiExtensions.Timeout);
        var stream = socket.GetStream();
        var request = "POST /api/v1/tokens HTTP/1.1\r\nHost: edge\r\n"
            + $"Authorization: Bearer {fixture.Admin.Token}\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nnot-a-chunk-size\r\n{}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("application/json", answer, StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"Bad chunk size data", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uri_LongerThanRequestLineLimit_Returns414WithDetail()
    {
        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/me?pad={new string('a', 9000)}");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.Status);
        Assert.Contains("8192", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_LargerThanLimit_Returns431WithDetail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Pad", new string('a', 40_000));
        using var response = await fixture.Admin.Client.SendAsync(request).WaitAsync(HttpClientApiExtensions.Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"detail\":", text, StringComparison.Ordinal);
        Assert.Contains("32768", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubeProxy_UriTooLong_Returns414AsKubernetesStatus()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var response = await fixture.Edge.Client().GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/pods?labelSelector={new string('a', 9000)}");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.Status);
        Assert.Equal("Status", response.Str("kind"));
        Assert.Equal(414, response.Json!["code"]!.GetValue<int>());
        Assert.Contains("8192", response.Str("message"), StringComparison.Ordinal);
    }
}
