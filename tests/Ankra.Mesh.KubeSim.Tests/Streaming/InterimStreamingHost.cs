using System.Net;
using Ankra.Mesh.KubeSim.Streaming;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// INTERIM TEST SCAFFOLDING — to be replaced by the real KubeSim host once the branches merge.
/// A plain-http Kestrel app on 127.0.0.1 serving only what kubectl exec/attach/port-forward need
/// before the upgrade (discovery, one fixed pod) and routing the three subresources to
/// <see cref="PodStreamingHandler"/>, exactly as the real API routing will after auth, RBAC and lookup.
/// </summary>
public sealed class InterimStreamingHost : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The one pod: default/web, container app, ports 8080 (HTTP) and 9000 (echo).</summary>
    internal static StreamingPod Pod { get; } = new(
        "default",
        "web",
        ["app"],
        new Dictionary<string, string> { ["GREETING"] = "hello from kubesim", ["POD_NAME"] = "web" },
        [PodPorts.Http, PodPorts.Echo],
        new PodFileSystem());

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The host's running streaming sessions (to check that sessions end with their clients).</summary>
    internal StreamingSessions Sessions => _app?.Services.GetRequiredService<StreamingSessions>()
        ?? throw new InvalidOperationException("the host is not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("KUBESIM_TEST_LOG") is { Length: > 0 } logPath)
        {
            builder.Logging.AddProvider(new TestFileLoggerProvider(logPath)).SetMinimumLevel(LogLevel.Debug);
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddKubeSimStreaming();
        var app = builder.Build();
        app.MapGet("/api", () => Results.Text(InterimDiscovery.ApiVersions, "application/json"));
        app.MapGet("/apis", () => Results.Text(InterimDiscovery.ApiGroupList, "application/json"));
        app.MapGet("/api/v1", () => Results.Text(InterimDiscovery.CoreResources, "application/json"));
        app.MapGet("/api/v1/namespaces/{ns}/pods/{name}", (string ns, string name) =>
            IsPod(ns, name) ? Results.Text(InterimDiscovery.PodJson(Pod), "application/json") : NotFound(name));
        foreach (var subresource in new[] { "exec", "attach", "portforward" })
        {
            app.MapMethods($"/api/v1/namespaces/{{ns}}/pods/{{name}}/{subresource}", ["GET", "POST"], (HttpContext context, string ns, string name, PodStreamingHandler handler) =>
                !IsPod(ns, name) ? NotFound(name).ExecuteAsync(context) : subresource switch
                {
                    "exec" => handler.ExecAsync(context, Pod),
                    "attach" => handler.AttachAsync(context, Pod),
                    _ => handler.PortForwardAsync(context, Pod),
                });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        _app = app;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
    }

    private static bool IsPod(string ns, string name) => ns == Pod.Namespace && name == Pod.Name;

    private static IResult NotFound(string name) => Results.Text(
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"{{name}}\" not found","reason":"NotFound","details":{"name":"{{name}}","kind":"pods"},"code":404}""",
        "application/json",
        statusCode: 404);
}
