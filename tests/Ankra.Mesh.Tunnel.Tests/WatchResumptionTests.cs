using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ankra.Mesh.Tunnel.Edge.Resume;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>What resuming a watch reads from events and which requests it applies to.</summary>
public sealed class WatchResumptionTests
{
    [Theory]
    [InlineData("""{"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"42"},"data":{"resourceVersion":"no"}}}""", "42")]
    [InlineData("""{"object":{"metadata":{"labels":{"resourceVersion":"x"},"resourceVersion":"7"}},"type":"MODIFIED"}""", "7")]
    [InlineData("""{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"99"}}}""", "99")]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status","metadata":{"resourceVersion":"5"},"code":410}}""", null)]
    [InlineData("""not json""", null)]
    [InlineData("""{"type":"ADDED","object":{"metadata":{}}}""", null)]
    public void ResourceVersion_EventLine_VersionOfTheObject(string line, string? expected)
    {
        Assert.Equal(expected, WatchEventLine.ResourceVersion(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void WithResourceVersion_ReplacesItAndDropsTheListOnlyMatch()
    {
        var resumed = WatchResumption.WithResourceVersion(
            new Uri("https://agent/api/v1/namespaces/demo/pods?watch=1&resourceVersion=10&resourceVersionMatch=NotOlderThan&fieldSelector=metadata.name%3Dweb-0"), "42");
        var query = System.Web.HttpUtility.ParseQueryString(resumed.Query);
        Assert.Equal("42", query["resourceVersion"]);
        Assert.Null(query["resourceVersionMatch"]);
        Assert.Equal("metadata.name=web-0", query["fieldSelector"]);
        Assert.Equal("1", query["watch"]);
    }

    [Theory]
    [InlineData("GET", "/api/v1/pods?watch=1", "application/json", true)]
    [InlineData("GET", "/api/v1/pods?watch=true", "application/json", true)]
    [InlineData("GET", "/api/v1/pods", "application/json", false)]
    [InlineData("GET", "/api/v1/pods?watch=1", "application/vnd.kubernetes.protobuf", false)]
    [InlineData("POST", "/api/v1/pods?watch=1", "application/json", false)]
    public void Applies_OnlyJsonWatchGets(string method, string path, string mediaType, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://agent" + path));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        Assert.Equal(expected, WatchResumption.Applies(request, response));
    }

    [Theory]
    [InlineData("/api/v1/pods?watch=1&resourceVersion=12", "12")]
    [InlineData("/api/v1/pods?watch=1&resourceVersion=0", null)]
    [InlineData("/api/v1/pods?watch=1", null)]
    public void RequestedVersion_OnlyAnExactStart(string path, string? expected)
    {
        Assert.Equal(expected, WatchResumption.RequestedVersion(new Uri("https://agent" + path)));
    }
}
