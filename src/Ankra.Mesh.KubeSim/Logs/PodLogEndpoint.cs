using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Logs;

/// <summary>
/// <c>GET pods/{name}/log</c> with <c>container</c>, <c>follow</c>, <c>tailLines</c>, <c>sinceSeconds</c>, <c>sinceTime</c>,
/// <c>timestamps</c> and <c>limitBytes</c>, fed by <see cref="PodLogGenerator"/>. Rate and size come from
/// the options or per pod from the <c>kubesim.ankra.io/log-lines-per-second</c> and
/// <c>kubesim.ankra.io/log-line-bytes</c> annotations.
/// </summary>
internal sealed class PodLogEndpoint(IOptions<KubeSimOptions> options, TimeProvider time)
{
    public const string RateAnnotation = "kubesim.ankra.io/log-lines-per-second";
    public const string SizeAnnotation = "kubesim.ankra.io/log-line-bytes";
    private const int BatchBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, JsonObject pod)
    {
        var query = context.Request.Query;
        var settings = options.Value;
        var name = Json.Str(pod, "metadata.name")!;
        var containers = Json.Array(pod, "spec.containers").Select(c => Json.Str(c, "name") ?? "").ToList();
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            container = containers.Count == 1 ? containers[0]
                : throw ApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]");
        }
        else if (!containers.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        }

        var annotations = Json.StringMap(Json.At(pod, "metadata.annotations"));
        var rate = annotations.TryGetValue(RateAnnotation, out var r) && double.TryParse(r, CultureInfo.InvariantCulture, out var pr) && pr > 0 ? pr : settings.LogLinesPerSecond;
        var size = annotations.TryGetValue(SizeAnnotation, out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var ps) && ps >= 16 ? ps : settings.LogLineBytes;
        var start = Json.ParseTime(Json.Str(pod, "status.startTime") ?? Json.Str(pod, "metadata.creationTimestamp")) ?? time.GetUtcNow();
        var generator = new PodLogGenerator(name, container, start, rate, size);

        var now = time.GetUtcNow();
        var end = generator.AvailableAt(now);
        var first = Math.Max(0, end - settings.LogBacklogLines);
        var sinceTime = query["sinceTime"].ToString();
        if (sinceTime.Length > 0 && query["sinceSeconds"].ToString().Length > 0)
        {
            throw ApiException.BadRequest("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }

        if (long.TryParse(query["sinceSeconds"], CultureInfo.InvariantCulture, out var since))
        {
            first = Math.Max(0, generator.FirstAtOrAfter(now - TimeSpan.FromSeconds(since)));
        }
        else if (sinceTime.Length > 0)
        {
            // Lines stamped at or after sinceTime, as the kubelet filters; before the container started means from its start.
            var from = LogSinceTime.Parse(sinceTime) ?? throw ApiException.BadRequest($"sinceTime: invalid value \"{sinceTime}\": expected an RFC 3339 time");
            first = Math.Max(0, generator.FirstAtOrAfter(from));
        }

        if (long.TryParse(query["tailLines"], CultureInfo.InvariantCulture, out var tail) && tail >= 0)
        {
            first = Math.Max(first, end - tail);
        }

        var timestamps = RequestInfoParser.IsTrue(query["timestamps"]);
        var limit = long.TryParse(query["limitBytes"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : long.MaxValue;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var sent = await WriteLinesAsync(context, generator, first, end, timestamps, limit);
        if (!RequestInfoParser.IsTrue(query["follow"]))
        {
            return;
        }

        try
        {
            var next = end;
            while (sent < limit && !context.RequestAborted.IsCancellationRequested)
            {
                var wait = generator.TimeOf(next) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(2) ? TimeSpan.FromMilliseconds(2) : wait, time, context.RequestAborted);
                }

                var due = generator.AvailableAt(time.GetUtcNow());
                sent += await WriteLinesAsync(context, generator, next, due, timestamps, limit - sent);
                next = due;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // kubectl logs -f ends when the user interrupts it; nothing more to send.
        }
    }

    private static async Task<long> WriteLinesAsync(HttpContext context, PodLogGenerator generator, long from, long to, bool timestamps, long limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BatchBytes + generator.MaxLineBytes);
        long sent = 0;
        try
        {
            var used = 0;
            for (var index = from; index < to && sent + used < limit; index++)
            {
                used += generator.Write(index, timestamps, buffer.AsSpan(used));
                if (used >= BatchBytes)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, (int)Math.Min(used, limit - sent)), context.RequestAborted);
                    sent += used;
                    used = 0;
                }
            }

            if (used > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, (int)Math.Min(used, limit - sent)), context.RequestAborted);
                sent += used;
            }

            await context.Response.Body.FlushAsync(context.RequestAborted);
            return sent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
