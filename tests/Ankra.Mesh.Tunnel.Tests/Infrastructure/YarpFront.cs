using System.Net;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>
/// A Kestrel front that forwards every request with YARP's <see cref="IHttpForwarder"/> through the
/// tunnel handler, as the edge does: it proves YARP can read and write the 101 pipe, and that the
/// client's original method survives YARP turning upgrades into GET.
/// </summary>
public sealed class YarpFront : IAsyncDisposable
{
    private readonly WebApplication _app;

    private YarpFront(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public static async Task<YarpFront> StartAsync(TunnelPair pair)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var transformer = new TunnelTransformer(new TunnelTarget(pair.ClusterId));
        var config = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        app.Map("/{**path}", async (HttpContext ctx, IHttpForwarder forwarder) =>
        {
            var error = await forwarder.SendAsync(ctx, "http://tunnel/", pair.Invoker, config, transformer);
            if (error != ForwarderError.None && !ctx.Response.HasStarted)
            {
                var failure = ctx.Features.Get<IForwarderErrorFeature>()?.Exception as TunnelException;
                ctx.Response.StatusCode = (int)(failure?.SuggestedStatusCode ?? HttpStatusCode.BadGateway);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new YarpFront(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class TunnelTransformer(TunnelTarget target) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Options.Set(TunnelRequestOptions.Target, target);
            proxyRequest.Options.Set(TunnelRequestOptions.OriginalMethod, httpContext.Request.Method);
        }
    }
}
