using System.Net;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>A request body of deterministic bytes generated as it is sent (nothing held in memory).</summary>
public sealed class DeterministicContent : HttpContent
{
    private readonly long _length;
    private readonly int _seed;

    public DeterministicContent(long length, int seed)
    {
        _length = length;
        _seed = seed;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => TestData.WriteAsync(stream, _length, _seed);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
