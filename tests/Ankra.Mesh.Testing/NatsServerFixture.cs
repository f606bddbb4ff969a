using System.Diagnostics;
using System.Globalization;

namespace Ankra.Mesh.Testing;

/// <summary>
/// A real <c>nats-server</c> on a free loopback port with its own temporary config file (the payload
/// limit is set there, as in production). Stopped by process id on disposal. Use as an xunit class or
/// collection fixture; <see cref="RestartAsync"/> and <see cref="Process"/> serve failure tests.
/// </summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    /// <summary>The payload limit the fixture configures (the NATS default, stated explicitly).</summary>
    public const int DefaultMaxPayload = 1024 * 1024;

    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-nats-").FullName;

    /// <summary>Creates a fixture with the default payload limit.</summary>
    public NatsServerFixture()
        : this(DefaultMaxPayload)
    {
    }

    /// <summary>Creates a fixture with a specific payload limit (bytes).</summary>
    public NatsServerFixture(int maxPayload) => MaxPayload = maxPayload;

    /// <summary>The configured <c>max_payload</c> in bytes.</summary>
    public int MaxPayload { get; }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The HTTP monitoring port on 127.0.0.1 (<c>/varz</c>, <c>/connz</c>, <c>/subsz</c>).</summary>
    public int MonitorPort { get; private set; }

    /// <summary>Client URL, e.g. <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Monitoring base URL, e.g. <c>http://127.0.0.1:8222</c>.</summary>
    public string MonitorUrl => $"http://127.0.0.1:{MonitorPort}";

    /// <summary>The running server process (null before start and after disposal).</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Path of the nats-server binary.</summary>
    public static string BinaryPath =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nats-server is not installed; run `./mesh deps` (apt-get install -y nats-server).");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        MonitorPort = FreePort.Next();
        await StartAsync();
    }

    /// <summary>Kills the server by id and starts a new one on the same port (clients reconnect).</summary>
    public async Task RestartAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        await StartAsync();
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

    private async Task StartAsync()
    {
        var configPath = Path.Combine(_directory, "nats.conf");
        await File.WriteAllTextAsync(configPath, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by NatsServerFixture for one test run.
            listen: "127.0.0.1:{Port}"
            http: "127.0.0.1:{MonitorPort}"
            max_payload: {MaxPayload}
            # Slow consumers are cut rather than buffered without bound; tests assert none occur.
            write_deadline: "10s"
            """));

        var startInfo = new ProcessStartInfo(BinaryPath) { ArgumentList = { "-c", configPath } };
        Process = ChildProcess.Start("nats-server", startInfo);
        await Process.WaitForLineAsync(line => line.Contains("Server is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }
}
