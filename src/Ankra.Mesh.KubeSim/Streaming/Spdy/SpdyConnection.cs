using System.Collections.Concurrent;
using System.Net.WebSockets;
using Ankra.Mesh.KubeSim.Hosting;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// The server side of a SPDY/3.1 connection as moby/spdystream (kubectl's SPDY client) speaks it:
/// the client opens every stream (odd ids, increasing) and waits for our SYN_REPLY before sending
/// data; either side half-closes with FLAG_FIN; PINGs the client starts are echoed; WINDOW_UPDATE
/// and SETTINGS are ignored because spdystream implements no flow control.
/// </summary>
internal sealed class SpdyConnection : IDisposable
{
    private readonly SpdyFrameReader _reader;
    private readonly SpdyHeaderDecompressor _decompressor = new();
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private readonly ILogger _logger;
    private uint _lastStreamId;

    public SpdyConnection(Stream transport, ILogger logger)
    {
        _reader = new SpdyFrameReader(transport);
        Writer = new SpdyFrameWriter(transport);
        _logger = logger;
    }

    /// <summary>The frame writer (shared by all streams of this connection).</summary>
    public SpdyFrameWriter Writer { get; }

    /// <summary>
    /// Reads frames until the peer closes the connection, sends GOAWAY, or <paramref name="cancellationToken"/>
    /// fires. <paramref name="onStream"/> runs on the read loop for each new stream, after our SYN_REPLY:
    /// it must only hand the stream on, never wait. Every stream is reset when this returns.
    /// </summary>
    public async Task RunAsync(Action<SpdyStream> onStream, CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _reader.ReadFrameAsync(cancellationToken) is { } frame)
            {
                using (frame)
                {
                    if (!await HandleFrameAsync(frame, onStream, cancellationToken))
                    {
                        return;
                    }
                }
            }
        }
        catch (SpdyProtocolException exception)
        {
            KubeSimLog.SpdyProtocolError(_logger, exception);
            await TryAsync(Writer.WriteGoAwayAsync(_lastStreamId, 1, CancellationToken.None));
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or WebSocketException)
        {
            // The client went away (directly or through the WebSocket tunnel) or the request was aborted.
        }
        finally
        {
            foreach (var stream in _streams.Values)
            {
                stream.Reset();
            }
        }
    }

    /// <summary>Sends GOAWAY (OK) so the client knows no further streams will be accepted.</summary>
    public ValueTask GoAwayAsync(CancellationToken cancellationToken = default) => TryAsync(Writer.WriteGoAwayAsync(_lastStreamId, 0, cancellationToken));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var stream in _streams.Values)
        {
            stream.Dispose();
        }

        _streams.Clear();
        Writer.Dispose();
    }

    private async ValueTask<bool> HandleFrameAsync(SpdyFrame frame, Action<SpdyStream> onStream, CancellationToken cancellationToken)
    {
        KubeSimLog.SpdyFrameReceived(_logger, frame.Type, frame.StreamId, frame.Flags, frame.Length);
        switch (frame.Type)
        {
            case SpdyFrameType.Data:
                if (_streams.TryGetValue(frame.StreamId, out var target))
                {
                    await target.DeliverAsync(frame.Payload, cancellationToken);
                    if (frame.IsFin)
                    {
                        target.CompleteInput();
                    }
                }

                return true;
            case SpdyFrameType.SynStream:
                await OpenStreamAsync(frame, onStream, cancellationToken);
                return true;
            case SpdyFrameType.RstStream:
                if (_streams.TryRemove(frame.ReadStreamId(), out var reset))
                {
                    reset.Reset();
                }

                return true;
            case SpdyFrameType.Ping:
                // Odd ids are client-initiated pings (spdystream's numbering): answer them.
                var id = frame.ReadUInt32(0);
                if ((id & 1) == 1)
                {
                    await Writer.WritePingAsync(id, cancellationToken);
                }

                return true;
            case SpdyFrameType.GoAway:
                return false;
            default:
                return true;
        }
    }

    private async ValueTask OpenStreamAsync(SpdyFrame frame, Action<SpdyStream> onStream, CancellationToken cancellationToken)
    {
        // SYN_STREAM payload: stream id (31 bits), associated stream id, priority/unused, slot, header block.
        var streamId = frame.ReadStreamId();
        if (frame.Length < 10)
        {
            throw new SpdyProtocolException("SYN_STREAM is too short");
        }

        // The decompression context is shared by all frames: inflate even a block we then refuse.
        var headers = SpdyHeaderBlock.Decode(_decompressor.Decompress(frame.Payload[10..]));
        if ((streamId & 1) == 0 || streamId <= _lastStreamId)
        {
            await Writer.WriteRstStreamAsync(streamId, 1, cancellationToken);
            return;
        }

        _lastStreamId = streamId;
        KubeSimLog.SpdyStreamOpened(_logger, streamId, string.Join(", ", headers.Select(pair => $"{pair.Key}={pair.Value}")));
        var stream = new SpdyStream(streamId, headers, Writer);
        _streams[streamId] = stream;
        await Writer.WriteSynReplyAsync(streamId, cancellationToken);
        if (frame.IsFin)
        {
            stream.CompleteInput();
        }

        onStream(stream);
    }

    private static async ValueTask TryAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the connection may already be gone.
        }
    }
}
