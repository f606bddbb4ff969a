using System.Net;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Tunnel;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tests.Tunnel;

/// <summary>
/// The agent's two pools: long-lived requests (watch, logs -f, exec …) and quick ones are capped apart, a request over
/// its cap is a 429 Status naming the setting at once, and a place is returned when the response is disposed.
/// </summary>
public sealed class ConcurrencyLimitingHandlerTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly HttpMessageInvoker _agent;
    private readonly List<HttpResponseMessage> _held = [];
    private readonly ApiServerStandIn _apiServer = new();

    public ConcurrencyLimitingHandlerTests()
    {
        var options = Options.Create(new AgentOptions { MaxConcurrentUnaryRequests = 2, MaxConcurrentStreamingRequests = 3 });
        _agent = new HttpMessageInvoker(new ConcurrencyLimitingHandler(options) { InnerHandler = _apiServer });
    }

    [Fact]
    public async Task SendAsync_StreamingPoolFull_QuickRequestIsServed()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await HoldAsync("/api/v1/pods?watch=true")).StatusCode);
        }

        var watch = await HoldAsync("/api/v1/pods?watch=true");
        var get = await HoldAsync("/api/v1/namespaces/demo/pods/web-0");

        Assert.Equal(HttpStatusCode.TooManyRequests, watch.StatusCode);
        Assert.Contains("Mesh:Agent:MaxConcurrentStreamingRequests", await watch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(4, _apiServer.Requests);
    }

    [Fact]
    public async Task SendAsync_QuickPoolFull_RefusedAtOnceNamingTheSettingAndWatchesStillServed()
    {
        await HoldAsync("/api/v1/pods");
        await HoldAsync("/api/v1/pods");

        var get = await HoldAsync("/api/v1/pods");
        var upgrade = new HttpRequestMessage(HttpMethod.Get, "http://api/api/v1/namespaces/demo/pods/web-0/exec?command=sh");
        upgrade.Headers.Upgrade.ParseAdd("websocket");
        var exec = await SendAsync(upgrade);

        Assert.Equal(HttpStatusCode.TooManyRequests, get.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), get.Headers.RetryAfter?.Delta);
        Assert.Contains("Mesh:Agent:MaxConcurrentUnaryRequests", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, exec.StatusCode);
    }

    [Fact]
    public async Task SendAsync_ResponseDisposed_PlaceIsReturnedOnce()
    {
        var first = await HoldAsync("/api/v1/pods");
        await HoldAsync("/api/v1/pods");

        first.Dispose();
        first.Dispose();

        Assert.Equal(HttpStatusCode.OK, (await HoldAsync("/api/v1/pods")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await HoldAsync("/api/v1/pods")).StatusCode);
    }

    [Fact]
    public async Task SendAsync_ApiServerFails_PlaceIsReturned()
    {
        _apiServer.Failure = new HttpRequestException("connection refused");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => HoldAsync("/api/v1/pods"));
        }

        _apiServer.Failure = null;

        Assert.Equal(HttpStatusCode.OK, (await HoldAsync("/api/v1/pods")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await HoldAsync("/api/v1/pods")).StatusCode);
    }

    public void Dispose()
    {
        _held.ForEach(response => response.Dispose());
        _agent.Dispose();
    }

    private Task<HttpResponseMessage> HoldAsync(string pathAndQuery) => SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://api" + pathAndQuery));

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var response = await _agent.SendAsync(request, CancellationToken.None).WaitAsync(Deadline);
        _held.Add(response);
        return response;
    }

    /// <summary>Answers every request 200 at once (the handler under test only counts what passes through it).</summary>
    private sealed class ApiServerStandIn : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public Exception? Failure { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Failure is { } failure
                ? Task.FromException<HttpResponseMessage>(failure)
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request });
        }
    }
}
