using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>What the backend answers: echo, large bodies, slow event streams, WebSocket and raw upgrades.</summary>
public static class BackendEndpoints
{
    public static void Map(WebApplication app)
    {
        // Echoes method, path, X-Test-* headers (as X-Seen-*) and the body; ?status= picks the status.
        app.Map("/echo/{**rest}", async (HttpContext ctx) =>
        {
            ctx.Response.StatusCode = int.TryParse(ctx.Request.Query["status"], CultureInfo.InvariantCulture, out var status) ? status : 200;
            ctx.Response.Headers["X-Method"] = ctx.Request.Method;
            ctx.Response.Headers["X-Path"] = ctx.Request.Path + ctx.Request.QueryString;
            foreach (var (name, value) in ctx.Request.Headers.Where(h => h.Key.StartsWith("X-Test-", StringComparison.OrdinalIgnoreCase)))
            {
                ctx.Response.Headers["X-Seen-" + name["X-Test-".Length..]] = value;
            }

            ctx.Response.ContentType = ctx.Request.ContentType ?? "application/octet-stream";
            await ctx.Request.Body.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        });

        app.MapGet("/bytes", async (HttpContext ctx, long length, int seed) =>
        {
            ctx.Response.ContentLength = length;
            await TestData.WriteAsync(ctx.Response.Body, length, seed, ctx.RequestAborted);
        });

        app.MapPost("/hash", async (HttpContext ctx) =>
        {
            var (hash, length) = await TestData.HashAsync(ctx.Request.Body, ctx.RequestAborted);
            return Results.Text($"{hash} {length}");
        });

        // A chunked stream: one line every intervalMs, flushed at once (like a watch or logs -f); each line
        // carries its emission timestamp so the test (same process) can measure when it arrived.
        app.MapGet("/events", async (HttpContext ctx, int count, int intervalMs) =>
        {
            ctx.Response.ContentType = "text/plain";
            for (var i = 0; i < count; i++)
            {
                await ctx.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"event {i} {Stopwatch.GetTimestamp()}\n"), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(intervalMs, ctx.RequestAborted);
            }
        });

        // Sends a head and one line, then holds the response open until the client goes away.
        app.MapGet("/hold", async (HttpContext ctx) =>
        {
            await ctx.Response.WriteAsync("started\n", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        });

        // The head comes late (a slow API server); clients may give up before it.
        app.MapGet("/slow-head", async (HttpContext ctx, int ms) =>
        {
            await Task.Delay(ms, ctx.RequestAborted);
            await ctx.Response.WriteAsync("late", ctx.RequestAborted);
        });

        // Dies mid-body: the connection is aborted after the head and some bytes.
        app.MapGet("/abort", async (HttpContext ctx) =>
        {
            ctx.Response.ContentLength = 1_000_000;
            await ctx.Response.WriteAsync(new string('a', 1000), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            // Give the flushed head a moment on the wire: an abort right away can discard it.
            await Task.Delay(100, ctx.RequestAborted);
            ctx.Abort();
        });

        app.MapGet("/trace", (HttpContext ctx) => Results.Text(ctx.Request.Headers["traceparent"].ToString()));

        app.MapGet("/redirect", () => Results.Redirect("/echo/after-redirect"));

        app.Map("/ws", async (HttpContext ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, ctx.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", ctx.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, ctx.RequestAborted);
            }
        });

        // A raw SPDY-style upgrade: 101 then an echo of every byte; X-Method tells which method arrived.
        app.Map("/spdy", async (HttpContext ctx) =>
        {
            var upgrade = ctx.Features.Get<IHttpUpgradeFeature>();
            if (upgrade is null || !upgrade.IsUpgradableRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            ctx.Response.Headers["X-Method"] = ctx.Request.Method;
            ctx.Response.Headers.Upgrade = "SPDY/3.1";
            await using var pipe = await upgrade.UpgradeAsync();
            await pipe.CopyToAsync(pipe, ctx.RequestAborted);
        });

        // An upgrade the server refuses: a plain 403 whose body must reach the client as a normal response.
        app.Map("/deny-upgrade", async (HttpContext ctx) =>
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"kind":"Status","code":403,"message":"upgrade forbidden"}""");
        });
    }
}
