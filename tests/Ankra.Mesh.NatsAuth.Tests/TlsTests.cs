using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Ankra.Mesh.NatsAuth.Tests.Infrastructure;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.NatsAuth.Tests;

/// <summary>TLS on the client and WebSocket ports of a real nats-server, with the mesh CA pinned.</summary>
public sealed class TlsTests(SecureNatsServer server) : IClassFixture<SecureNatsServer>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly NatsServerFixture _nats = server.Server;
    private readonly string _otherCaDirectory = Directory.CreateTempSubdirectory("mesh-other-ca-").FullName;

    [Fact]
    public async Task PlainTextClient_TlsRequiredPort_ServerNeverAcceptsIt()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _nats.Port).WaitAsync(Timeout);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var info = await reader.ReadLineAsync().WaitAsync(Timeout);
        Assert.NotNull(info);
        Assert.True(JsonDocument.Parse(info["INFO ".Length..]).RootElement.GetProperty("tls_required").GetBoolean());

        await stream.WriteAsync("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nPING\r\n"u8.ToArray()).AsTask().WaitAsync(Timeout);

        // The server expects a TLS ClientHello and closes the connection without a word (it logs "TLS handshake
        // error: tls: first record does not look like a TLS handshake"): no PONG, no -ERR, just end of stream.
        var rest = await reader.ReadToEndAsync().WaitAsync(Timeout);
        Assert.Equal(string.Empty, rest);
    }

    [Fact]
    public async Task PinnedCa_TlsUrl_ConnectsOverTls()
    {
        await using var connection = new NatsConnection(_nats.ClientOpts("tls-client"));
        await RoundTripAsync(connection);

        using var http = new HttpClient();
        var connz = JsonDocument.Parse(await http.GetStringAsync($"{_nats.MonitorUrl}/connz").WaitAsync(Timeout)).RootElement;
        var mine = connz.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tls-client");
        Assert.StartsWith("1.", mine.GetProperty("tls_version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCaPinned_TlsUrl_Fails()
    {
        await using var connection = new NatsConnection(_nats.ClientOpts("tls-client").WithPinnedCa(OtherCa()));

        var failure = await Assert.ThrowsAnyAsync<NatsException>(() => connection.ConnectAsync().AsTask().WaitAsync(Timeout));

        Assert.Contains(Chain(failure), e => e is AuthenticationException);
    }

    [Fact]
    public async Task PinnedCa_WssUrl_Connects()
    {
        await using var connection = new NatsConnection(_nats.ClientOpts(_nats.WebSocketUrl, "wss-client", permissions: null));

        await RoundTripAsync(connection);
    }

    [Fact]
    public async Task OtherCaPinned_WssUrl_Fails()
    {
        var log = new ExceptionLog();
        await using var connection = new NatsConnection(_nats.ClientOpts(_nats.WebSocketUrl, "wss-client", permissions: null).WithPinnedCa(OtherCa()) with { LoggerFactory = log });

        await Assert.ThrowsAnyAsync<NatsException>(() => connection.ConnectAsync().AsTask().WaitAsync(Timeout));

        Assert.Contains(log.Exceptions, e => e is AuthenticationException);
    }

    [Fact]
    public async Task PinnedCa_PlainWsUrl_RefusesToConnect()
    {
        var log = new ExceptionLog();
        var url = _nats.WebSocketUrl.Replace("wss://", "ws://", StringComparison.Ordinal);
        await using var connection = new NatsConnection(_nats.ClientOpts(url, "ws-client", permissions: null) with { LoggerFactory = log });

        await Assert.ThrowsAnyAsync<NatsException>(() => connection.ConnectAsync().AsTask().WaitAsync(Timeout));

        Assert.Contains(log.Exceptions, e => e.Message.Contains("use wss://", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_otherCaDirectory, recursive: true);

    private string OtherCa() => TestCertificateAuthority.Create(_otherCaDirectory, "someone-else").CaPath;

    private static async Task RoundTripAsync(NatsConnection connection)
    {
        await using var subscription = await connection.SubscribeCoreAsync<string>("tls.test").AsTask().WaitAsync(Timeout);
        await connection.PingAsync().AsTask().WaitAsync(Timeout);
        await connection.PublishAsync("tls.test", "hello").AsTask().WaitAsync(Timeout);
        Assert.Equal("hello", (await subscription.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
