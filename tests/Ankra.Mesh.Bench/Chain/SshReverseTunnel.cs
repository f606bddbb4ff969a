using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// The baseline people compare us with: <c>ssh -N -R port:127.0.0.1:kubesim</c> to a private <c>sshd</c> on a
/// loopback port (its own host key, authorized key and config in a temporary folder; never the system service).
/// Requests to <see cref="Port"/> reach KubeSim's TLS port through the SSH connection. Both processes are
/// stopped by their ids.
/// </summary>
internal sealed class SshReverseTunnel : IAsyncDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly string _directory;
    private readonly List<ChildProcess> _processes = [];

    private SshReverseTunnel(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>The forwarded loopback port (sshd listens on it and forwards through the tunnel).</summary>
    public int Port { get; }

    /// <summary>sshd (whose per-connection children do the forwarding) and the <c>ssh -R</c> client, by name.</summary>
    public IEnumerable<(string Name, int Id)> Processes => _processes.Select(p => (p.Name, p.Id));

    public static async Task<SshReverseTunnel> StartAsync(int targetPort, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} is missing: run `./mesh deps` (openssh-server).");
        }

        // sshd refuses to start without its privilege-separation folder.
        Directory.CreateDirectory("/run/sshd");
        var directory = Directory.CreateTempSubdirectory("ankra-bench-ssh-").FullName;
        var tunnel = new SshReverseTunnel(directory, FreePort.Next());
        try
        {
            await tunnel.RunAsync(targetPort, cancellationToken);
            return tunnel;
        }
        catch
        {
            await tunnel.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(int targetPort, CancellationToken cancellationToken)
    {
        var hostKey = Path.Combine(_directory, "host_ed25519");
        var clientKey = Path.Combine(_directory, "client_ed25519");
        foreach (var key in new[] { hostKey, clientKey })
        {
            var generated = await CommandRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
            if (generated.ExitCode != 0)
            {
                throw new InvalidOperationException($"ssh-keygen failed:\n{generated}");
            }
        }

        File.Copy(clientKey + ".pub", Path.Combine(_directory, "authorized_keys"));
        var sshPort = FreePort.Next();
        var config = Path.Combine(_directory, "sshd_config");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            ListenAddress 127.0.0.1:{sshPort}
            HostKey {hostKey}
            PidFile none
            AuthorizedKeysFile {_directory}/authorized_keys
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowTcpForwarding remote
            GatewayPorts no
            X11Forwarding no
            PrintMotd no
            LogLevel INFO

            """), cancellationToken);

        // -D: stay in the foreground so the pid is ours; -e: log to stderr.
        var sshd = Start("sshd", Sshd, "-D", "-e", "-f", config);
        await sshd.WaitForLineAsync(line => line.Contains("Server listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Start("ssh -R", "ssh", "-N", "-F", "/dev/null", "-i", clientKey, "-p", sshPort.ToString(CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", $"UserKnownHostsFile={_directory}/known_hosts",
            "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=30", "-o", "Compression=no",
            "-R", $"127.0.0.1:{Port}:127.0.0.1:{targetPort}", $"{Environment.UserName}@127.0.0.1");
        await WaitForListenerAsync(cancellationToken);
    }

    private ChildProcess Start(string name, string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = _directory };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = ChildProcess.Start(name, startInfo);
        _processes.Add(process);
        return process;
    }

    // ssh prints nothing when the forward is up; the forwarded port accepting a connection is the event itself.
    private async Task WaitForListenerAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && _processes.All(p => p.IsRunning))
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException exception)
            {
                var output = string.Join("\n", _processes.Select(p => $"{p.Name}: {p.RecentOutput}"));
                throw new InvalidOperationException($"ssh -R did not open 127.0.0.1:{Port}:\n{output}", exception);
            }
        }
    }
}
