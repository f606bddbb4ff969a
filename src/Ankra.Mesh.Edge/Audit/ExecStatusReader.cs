using System.Globalization;
using System.Text.Json;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// Finds an exec's exit code in what the API server sends to kubectl over a WebSocket channel protocol
/// (<c>v4.channel.k8s.io</c>, <c>v5.channel.k8s.io</c>): every data message starts with its channel byte, and the
/// API server ends a command with a <c>Status</c> on channel 3 (error) — <c>Success</c>, or <c>NonZeroExitCode</c>
/// with an <c>ExitCode</c> cause. It walks frame headers only and skips every payload byte except channel 3's
/// (capped at <see cref="MaxStatusBytes"/>); it never sees what the user types (the client's direction is not shown
/// to it). SPDY sessions (kubectl before 1.30) name channels in compressed stream headers, so they get no exit code.
/// </summary>
internal sealed class ExecStatusReader : IWriteObserver
{
    private const int MaxStatusBytes = 4096;
    private const byte ErrorChannel = 3;

    private readonly byte[] _header = new byte[14];
    private readonly MemoryStream _status = new();
    private int _headerLength;
    private int _headerNeeded = 2;
    private long _payloadLeft;
    private bool _dataFrame;
    private bool _final;
    private bool _channelPending;
    private bool _collecting;
    private bool _broken;

    /// <summary>The exit code once the error channel reported one; null before (or when it reported another failure).</summary>
    public int? ExitCode { get; private set; }

    public void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && !_broken)
        {
            if (_payloadLeft == 0 && _headerNeeded > 0)
            {
                var take = Math.Min(_headerNeeded - _headerLength, bytes.Length);
                bytes[..take].CopyTo(_header.AsSpan(_headerLength));
                _headerLength += take;
                bytes = bytes[take..];
                if (_headerLength == _headerNeeded)
                {
                    HeaderComplete();
                }

                continue;
            }

            var chunk = (int)Math.Min(_payloadLeft, bytes.Length);
            Payload(bytes[..chunk]);
            bytes = bytes[chunk..];
            _payloadLeft -= chunk;
            if (_payloadLeft == 0)
            {
                FrameComplete();
            }
        }
    }

    private void HeaderComplete()
    {
        var length7 = _header[1] & 0x7F;
        var masked = (_header[1] & 0x80) != 0;
        var needed = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (_headerLength < needed)
        {
            _headerNeeded = needed;
            return;
        }

        if (masked)
        {
            // Servers never mask; a masked frame means this is not the stream we think it is.
            _broken = true;
            return;
        }

        _payloadLeft = length7 switch
        {
            126 => (_header[2] << 8) | _header[3],
            127 => (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2, 8)),
            _ => length7,
        };
        var opcode = _header[0] & 0x0F;
        _final = (_header[0] & 0x80) != 0;
        _dataFrame = opcode is 0 or 1 or 2;
        if (opcode is 1 or 2)
        {
            _channelPending = true;
            _collecting = false;
            _status.SetLength(0);
        }

        _headerLength = 0;
        _headerNeeded = 2;
        if (_payloadLeft == 0)
        {
            FrameComplete();
        }
    }

    private void Payload(ReadOnlySpan<byte> bytes)
    {
        if (!_dataFrame || bytes.IsEmpty)
        {
            return;
        }

        if (_channelPending)
        {
            _channelPending = false;
            _collecting = bytes[0] == ErrorChannel;
            bytes = bytes[1..];
        }

        if (_collecting && _status.Length + bytes.Length <= MaxStatusBytes)
        {
            _status.Write(bytes);
        }
        else
        {
            _collecting = false;
        }
    }

    private void FrameComplete()
    {
        _headerLength = 0;
        _headerNeeded = 2;
        if (_dataFrame && _final && _collecting)
        {
            _collecting = false;
            ExitCode = Parse(_status.ToArray()) ?? ExitCode;
            _status.SetLength(0);
        }
    }

    private static int? Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("status", out var status) && status.ValueEquals("Success"))
            {
                return 0;
            }

            if (root.TryGetProperty("reason", out var reason) && reason.ValueEquals("NonZeroExitCode")
                && root.TryGetProperty("details", out var details) && details.TryGetProperty("causes", out var causes)
                && causes.ValueKind == JsonValueKind.Array)
            {
                foreach (var cause in causes.EnumerateArray())
                {
                    if (cause.TryGetProperty("reason", out var causeReason) && causeReason.ValueEquals("ExitCode")
                        && cause.TryGetProperty("message", out var message)
                        && int.TryParse(message.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                    {
                        return code;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status: no exit code rather than a wrong one.
        }

        return null;
    }
}
