using System.Text;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>An output sink that keeps what was written, for command-level tests.</summary>
internal sealed class CapturingSink : IOutputSink
{
    private readonly MemoryStream _written = new();

    public string Text => Encoding.UTF8.GetString(_written.ToArray());

    public byte[] Bytes => _written.ToArray();

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        _written.Write(data.Span);
        return ValueTask.CompletedTask;
    }
}
