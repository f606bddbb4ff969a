using System.Net;

namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>Response heads reach the client as soon as the API server sends them, before any body byte.</summary>
public sealed partial class DataPathTests
{
    // Far longer than any test waits: a head that only came with the watch's end would fail the test.
    private const int QuietWatchSeconds = 120;
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Watch_NoEventsYet_HeadArrivesWhileTheWatchIsOpen(string httpVersion)
    {
        using var client = fixture.Stack.MeshKubeClient(fixture.KubeToken, Version.Parse(httpVersion));
        var path = $"api/v1/namespaces/demo/pods?watch=1&timeoutSeconds={QuietWatchSeconds}&fieldSelector=metadata.name%3Dnobody";

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).WaitAsync(HeadTimeout);
        await using var body = await response.Content.ReadAsStreamAsync();
        var firstRead = body.ReadAsync(new byte[1]).AsTask();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(firstRead.IsCompleted, "the watch sent a body byte although nothing matches");
    }

    [Fact]
    public async Task LogsFollow_QuietPod_HeadArrivesBeforeTheFirstLine()
    {
        // The worker pod logs a line every few seconds at most; a tail of zero lines leaves nothing to send at once.
        using var client = fixture.Stack.MeshKubeClient(fixture.KubeToken, HttpVersion.Version20);

        using var response = await client.GetAsync(new Uri("api/v1/namespaces/demo/pods/quiet/log?follow=true&tailLines=0", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead).WaitAsync(HeadTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
