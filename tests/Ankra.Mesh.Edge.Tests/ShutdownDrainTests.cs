using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Hosting.Silo;
using Ankra.Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// A stopping edge lets in-flight requests finish for <c>Mesh:Edge:ShutdownDrainTimeout</c> (default 120 s, what
/// k8s/control-plane/edge.yaml's grace period is built on), not .NET's default 30 s. Each test stops an edge of
/// its own, an Orleans client of the shared silo cluster.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class ShutdownDrainTests(SiloClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stop_RequestInFlight_WaitsForItToFinish()
    {
        await using var edge = await fixture.StartEdgeAsync(new Dictionary<string, string?> { ["Mesh:Edge:ShutdownDrainTimeout"] = "00:10:00" });
        Assert.Equal(TimeSpan.FromMinutes(10), edge.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        using var request = await SlowRequest.StartAsync(edge, fixture.AdminToken);

        var stopping = edge.StopAsync();
        Assert.NotSame(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(2))));

        var response = await request.FinishAsync();
        Assert.StartsWith("HTTP/1.1 201 ", response, StringComparison.Ordinal);
        await stopping.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Stop_RequestOutlivesDrainTimeout_IsCutAndStopCompletes()
    {
        await using var edge = await fixture.StartEdgeAsync(new Dictionary<string, string?> { ["Mesh:Edge:ShutdownDrainTimeout"] = "00:00:01" });
        using var request = await SlowRequest.StartAsync(edge, fixture.AdminToken);

        // Below .NET's default 30 s on purpose: only the configured 1 s lets the stop end this soon. The drain used
        // the whole shutdown deadline, so a hosted service stopping after it (the Orleans client) may report that
        // the deadline passed: the stop still completed, which is what this asserts.
        try
        {
            await edge.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
        }

        var response = await request.ReadRestAsync();
        Assert.DoesNotContain("HTTP/1.1 201", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_GracePeriod_OutlastsTheDrainItConfigures()
    {
        // The kubelet SIGKILLs after terminationGracePeriodSeconds: a drain as long as that would be cut short.
        var manifest = await File.ReadAllTextAsync(RepositoryPaths.Combine("k8s", "control-plane", "edge.yaml"));
        var grace = TimeSpan.FromSeconds(int.Parse(Regex.Match(manifest, @"terminationGracePeriodSeconds: (\d+)").Groups[1].Value, CultureInfo.InvariantCulture));
        var drain = TimeSpan.Parse(Regex.Match(manifest, @"name: Mesh__Edge__ShutdownDrainTimeout\s+value: ""([^""]+)""").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(new EdgeOptions().ShutdownDrainTimeout, drain);
        Assert.True(grace > drain, $"terminationGracePeriodSeconds ({grace.TotalSeconds} s) must exceed the drain ({drain.TotalSeconds} s)");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public async Task Start_DrainTimeoutOutOfRange_RefusesNamingTheSetting(string value)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = EdgeApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(
                new Dictionary<string, string?> { ["Mesh:Edge:ShutdownDrainTimeout"] = value, ["Logging:LogLevel:Default"] = "Warning" }),
                builder => builder.AddMeshSilo());
            await app.StartAsync().WaitAsync(Timeout);
        });
        var invalid = Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains("Mesh:Edge:ShutdownDrainTimeout", invalid.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// POST /api/v1/tokens whose body is held back: once the edge answers "100 Continue" the endpoint is
    /// running and waiting for the body, so the request is in flight.
    /// </summary>
    private sealed class SlowRequest : IDisposable
    {
        private const string Body = "{\"name\":\"drain\",\"expires_in_days\":1}";
        private readonly TcpClient _socket;
        private readonly NetworkStream _stream;

        private SlowRequest(TcpClient socket)
        {
            _socket = socket;
            _stream = socket.GetStream();
        }

        public static async Task<SlowRequest> StartAsync(EdgeHost edge, string token)
        {
            var url = new Uri(edge.RestUrl);
            var socket = new TcpClient();
            await socket.ConnectAsync(url.Host, url.Port).WaitAsync(Timeout);
            var request = new SlowRequest(socket);
            await request.WriteAsync("POST /api/v1/tokens HTTP/1.1\r\nHost: edge\r\n"
                + $"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                + $"Content-Length: {Body.Length}\r\nExpect: 100-continue\r\n\r\n");
            var interim = await request.ReadUntilAsync("\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 100 Continue", interim, StringComparison.Ordinal);
            return request;
        }

        /// <summary>Sends the body; returns the response head and body.</summary>
        public async Task<string> FinishAsync()
        {
            await WriteAsync(Body);
            return await ReadUntilAsync("}");
        }

        /// <summary>Whatever arrives until the edge closes the connection (or resets it).</summary>
        public async Task<string> ReadRestAsync()
        {
            try
            {
                using var reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
                return await reader.ReadToEndAsync().WaitAsync(Timeout);
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }

        public void Dispose() => _socket.Dispose();

        private Task WriteAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask().WaitAsync(Timeout);

        private async Task<string> ReadUntilAsync(string end)
        {
            var text = new StringBuilder();
            var buffer = new byte[1];
            while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
            {
                if (await _stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) == 0)
                {
                    break;
                }

                text.Append((char)buffer[0]);
            }

            return text.ToString();
        }
    }
}
