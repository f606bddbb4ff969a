using System.Diagnostics;
using System.Net.Sockets;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// <c>kubectl port-forward pod/web-0 LOCAL:9000</c> (the simulated pod's echo port) held open; each request sends
/// 256 KiB through it and expects them back byte for byte. A forward that ended, or failed twice in a row (kubectl
/// may keep running with a dead connection), is started again by the next request, as a user would.
/// </summary>
internal sealed class PortForwardSession(MeshStack stack, Stopwatch clock) : IAsyncDisposable
{
    private const int TransferBytes = 256 * 1024;
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(20);

    private readonly byte[] _payload = RandomPayload();
    private ChildProcess? _kubectl;
    private int _port;
    private int _failuresInRow;

    /// <summary>When running forwards ended by themselves or were given up after failing.</summary>
    public List<TimeSpan> Cuts { get; } = [];

    public async Task<string?> TransferAsync(CancellationToken cancellationToken)
    {
        if (_kubectl is { IsRunning: false } || _failuresInRow >= 2)
        {
            Cuts.Add(clock.Elapsed);
            var why = _kubectl is null ? "" : ChaosKubectl.LastLine(_kubectl);
            await DisposeAsync();
            _failuresInRow = 0;
            return $"port-forward ended or broken: {why}";
        }

        try
        {
            if (_kubectl is null)
            {
                _port = FreePort.Next();
                _kubectl = ChaosKubectl.Start(stack, _ => { }, standardInput: false,
                    "port-forward", "pod/web-0", "-n", DemoWorkload.Namespace, $"{_port}:9000");
                await _kubectl.WaitForLineAsync(line => line.StartsWith("Forwarding from", StringComparison.Ordinal), ForwardTimeout);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TransferTimeout);
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", _port, deadline.Token);
            var stream = client.GetStream();
            var sending = stream.WriteAsync(_payload, deadline.Token).AsTask();
            var received = new byte[TransferBytes];
            await stream.ReadExactlyAsync(received, deadline.Token);
            await sending;
            _failuresInRow = received.AsSpan().SequenceEqual(_payload) ? 0 : _failuresInRow + 1;
            return _failuresInRow == 0 ? null : "the echo differs from what was sent";
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or InvalidOperationException or EndOfStreamException)
        {
            _failuresInRow++;
            return $"transfer failed: {e.GetType().Name} {e.Message.Split('\n')[0]}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_kubectl is not null)
        {
            await _kubectl.DisposeAsync();
            _kubectl = null;
        }
    }

    private static byte[] RandomPayload()
    {
        var bytes = new byte[TransferBytes];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
