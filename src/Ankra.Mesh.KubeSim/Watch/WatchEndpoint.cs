using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Watch;

/// <summary>
/// <c>?watch=true</c>: a chunked stream of <c>{"type":…,"object":…}</c> lines from a resourceVersion,
/// ending at <c>timeoutSeconds</c>, when the client leaves, or when the watcher falls behind.
/// A resourceVersion older than the kept history gets an ERROR event with a 410 Status, as from a real server.
/// </summary>
internal sealed class WatchEndpoint(ObjectStore store, IOptions<KubeSimOptions> options, TimeProvider time)
{
    private readonly int _capacity = options.Value.WatchBufferSize;

    public async Task HandleAsync(HttpContext context, ResourceType type, string ns)
    {
        var query = context.Request.Query;
        var filter = ResourceEndpoints.Filter(context.Request);
        var version = query["resourceVersion"].ToString();
        long? from = version is "" or "0" ? null : long.TryParse(version, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw ApiException.BadRequest($"invalid resource version: {version}");
        var tableVersion = TableRenderer.RequestedVersion(context.Request);
        var timeout = double.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

        var response = context.Response;
        Watcher watcher;
        try
        {
            watcher = store.For(type).Watch(type.Namespaced ? ns : null, filter, from, RequestInfoParser.IsTrue(query["allowWatchBookmarks"]), _capacity);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            var status = StatusFactory.Failure(410, "Expired", gone.Message);
            await response.WriteAsync($"{{\"type\":\"ERROR\",\"object\":{status.ToJsonString()}}}\n", context.RequestAborted);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        stop.CancelAfter(timeout);
        try
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.StartAsync(stop.Token);
            while (watcher.Backlog.TryDequeue(out var early))
            {
                await WriteAsync(response, type, early, tableVersion, stop.Token);
            }

            await response.BodyWriter.FlushAsync(stop.Token);
            while (await watcher.Reader.WaitToReadAsync(stop.Token))
            {
                while (watcher.Reader.TryRead(out var change))
                {
                    await WriteAsync(response, type, change, tableVersion, stop.Token);
                }

                await response.BodyWriter.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // timeoutSeconds elapsed or the client went away: the stream just ends, as it does on a real server.
        }
        finally
        {
            store.For(type).Unwatch(watcher);
        }
    }

    private ValueTask<System.IO.Pipelines.FlushResult> WriteAsync(HttpResponse response, ResourceType type, WatchEvent change, string? tableVersion, CancellationToken cancellationToken)
    {
        if (tableVersion is null || change.Type == "BOOKMARK")
        {
            return response.BodyWriter.WriteAsync(change.Frame, cancellationToken);
        }

        var table = TableRenderer.Render(type, [change.Object], tableVersion, change.ResourceVersion, null, "Metadata", time.GetUtcNow());
        var frame = new JsonObject { ["type"] = change.Type, ["object"] = table };
        return response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes(frame.ToJsonString() + "\n"), cancellationToken);
    }
}
