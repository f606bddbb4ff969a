namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>How a client consumes a response body.</summary>
public enum ReaderSpeed
{
    /// <summary>Reads as fast as the bytes come, in large buffers.</summary>
    Fast,

    /// <summary>Reads 4 KiB at a time and pauses after every 64 KiB, so the tunnel's windows fill and drain.</summary>
    Slow,
}
