namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>The terminal of a <c>tty</c> session: the last size the client reported (for <c>stty size</c>).</summary>
internal sealed class TerminalState
{
    private TerminalSize _size = new(80, 24);

    /// <summary>The latest size; 80x24 until the client reports one.</summary>
    public TerminalSize Size => _size;

    /// <summary>Number of resize messages received.</summary>
    public int ResizeCount { get; private set; }

    /// <summary>Applies one resize message (ignored when malformed).</summary>
    public void Resize(ReadOnlySpan<byte> json)
    {
        if (TerminalSize.TryParse(json) is { } size)
        {
            _size = size;
            ResizeCount++;
        }
    }

    /// <summary>Reads newline-separated resize messages (the SPDY resize stream) until it ends.</summary>
    public async Task ReadResizeStreamAsync(Stream input, CancellationToken cancellationToken = default)
    {
        try
        {
            using var reader = new StreamReader(input);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length is > 0 and < 1024)
                {
                    Resize(System.Text.Encoding.UTF8.GetBytes(line));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The session ended while reading: resize messages no longer matter.
        }
    }
}
