using System.Diagnostics;
using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Testing;

/// <summary>
/// A real <c>nats-server</c> on free loopback ports with its own temporary config file (the payload limit
/// is set there, as in production). By default it runs as production does: operator-mode auth (clients
/// connect with a user JWT from <see cref="ClientOpts"/>) and TLS with a throwaway CA (<see cref="CaPath"/>).
/// <see cref="Insecure"/> keeps the old anonymous plain-text server for callers not migrated yet.
/// Stopped by process id on disposal. Hold it in an xunit class or collection fixture (xunit wants a single
/// constructor, this type has several); <see cref="RestartAsync"/>,
/// <see cref="KillAsync"/> and <see cref="Process"/> serve failure tests.
/// </summary>
public sealed partial class NatsServerFixture : IAsyncLifetime
{
    /// <summary>The payload limit the fixture configures (the NATS default, stated explicitly).</summary>
    public const int DefaultMaxPayload = 1024 * 1024;

    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-nats-").FullName;
    private NatsCredentialIssuer? _issuer;

    /// <summary>Creates a secure fixture (operator-mode auth and TLS) with the default payload limit.</summary>
    public NatsServerFixture()
        : this(new NatsServerFixtureOptions())
    {
    }

    /// <summary>Creates a secure fixture with a specific payload limit (bytes).</summary>
    public NatsServerFixture(int maxPayload)
        : this(new NatsServerFixtureOptions { MaxPayload = maxPayload })
    {
    }

    /// <summary>Creates a fixture configured by <paramref name="options"/>.</summary>
    public NatsServerFixture(NatsServerFixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options the fixture was created with.</summary>
    public NatsServerFixtureOptions Options { get; }

    /// <summary>The configured <c>max_payload</c> in bytes.</summary>
    public int MaxPayload => Options.MaxPayload;

    /// <summary>True when the server requires TLS and JWT users.</summary>
    public bool Secure => Options.Secure;

    /// <summary>The operator, accounts and signing key the server trusts (null when not secure).</summary>
    public NatsKeySet? Keys { get; private set; }

    /// <summary>The CA whose certificate the server presents (null when not secure).</summary>
    public TestCertificateAuthority? Tls { get; private set; }

    /// <summary>PEM file of the CA that clients pin (null when not secure).</summary>
    public string? CaPath => Tls?.CaPath;

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The HTTP monitoring port on 127.0.0.1 (<c>/varz</c>, <c>/connz</c>, <c>/subsz</c>, <c>/routez</c>): plain HTTP, loopback only.</summary>
    public int MonitorPort { get; private set; }

    /// <summary>The WebSocket port on 127.0.0.1 (0 unless <see cref="NatsServerFixtureOptions.WebSocket"/>).</summary>
    public int WebSocketPort { get; private set; }

    /// <summary>Client URL: <c>tls://127.0.0.1:port</c> when secure, <c>nats://127.0.0.1:port</c> otherwise.</summary>
    public string Url => $"{(Secure ? "tls" : "nats")}://127.0.0.1:{Port}";

    /// <summary>WebSocket URL: <c>wss://127.0.0.1:port</c> when secure, <c>ws://</c> otherwise.</summary>
    public string WebSocketUrl => WebSocketPort == 0
        ? throw new InvalidOperationException("This fixture has no WebSocket listener; set NatsServerFixtureOptions.WebSocket.")
        : $"{(Secure ? "wss" : "ws")}://127.0.0.1:{WebSocketPort}";

    /// <summary>Monitoring base URL, e.g. <c>http://127.0.0.1:8222</c>.</summary>
    public string MonitorUrl => $"http://127.0.0.1:{MonitorPort}";

    /// <summary>The running server process (null before start, after <see cref="KillAsync"/> and after disposal).</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Path of the nats-server binary.</summary>
    public static string BinaryPath =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nats-server is not installed; run `./mesh deps` (apt-get install -y nats-server).");

    /// <summary>
    /// An anonymous plain-text server (the fixture's behaviour before operator mode), for callers that start
    /// product processes not yet configured with NATS credentials. Its <see cref="Url"/> is <c>nats://</c>.
    /// </summary>
    public static NatsServerFixture Insecure(int maxPayload = DefaultMaxPayload) =>
        new(new NatsServerFixtureOptions { Secure = false, MaxPayload = maxPayload });

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        MonitorPort = FreePort.Next();
        WebSocketPort = Options.WebSocket ? FreePort.Next() : 0;
        if (Secure)
        {
            Keys = Options.Keys ?? NatsKeySet.Generate();
            Keys.WriteTo(Path.Combine(_directory, "keys"));
            Tls = Options.Tls ?? TestCertificateAuthority.Create(Path.Combine(_directory, "tls"));
            _issuer = Keys.CreateIssuer();
        }

        await StartAsync();
    }

    /// <summary>Stops the server by id (SIGTERM) and starts a new one on the same ports (clients reconnect).</summary>
    public async Task RestartAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
            Process = null;
        }

        await StartAsync();
    }

    /// <summary>Kills the server by id with SIGKILL (no goodbye to clients or routes) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (Process is null)
        {
            return;
        }

        Process.Signal(UnixSignal.Kill);
        await Process.Exited.WaitAsync(TimeSpan.FromSeconds(20));
        await Process.DisposeAsync();
        Process = null;
    }

    /// <summary>Starts the server on its ports (after <see cref="KillAsync"/>); returns once it is ready for clients.</summary>
    public async Task StartAsync()
    {
        if (Process is not null)
        {
            throw new InvalidOperationException($"nats-server (pid {Process.Id}) is already running.");
        }

        var configPath = Path.Combine(_directory, "nats.conf");
        await File.WriteAllTextAsync(configPath, Config());
        var startInfo = new ProcessStartInfo(BinaryPath) { ArgumentList = { "-c", configPath } };
        Process = ChildProcess.Start("nats-server", startInfo);
        await Process.WaitForLineAsync(line => line.Contains("Server is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
            Process = null;
        }

        Directory.Delete(_directory, recursive: true);
    }
}
