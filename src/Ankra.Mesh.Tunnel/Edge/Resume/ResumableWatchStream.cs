using System.Text;
using Ankra.Mesh.Tunnel.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// A JSON watch body that survives the loss of the agent replica serving it. Bytes are handed to the reader
/// a whole event (line) at a time, and the resourceVersion of the last event handed out is kept. When the
/// tunnel stream fails (not cancelled by the client), the watch is opened again from that version on
/// another replica, so the client sees neither a gap nor a duplicate: the partial event of the lost stream
/// is dropped and comes again from the new one. A 410 Gone on resuming becomes the ERROR event the API
/// server itself would send, so clients relist as they do for an expired watch.
/// </summary>
internal sealed class ResumableWatchStream : Stream
{
    /// <summary>Largest single event held back whole; a larger one turns resuming off for this watch (its bytes pass through).</summary>
    internal const int MaxEventBytes = 16 * 1024 * 1024;

    private const int MaxResumes = 16;
    private const int OpenAttempts = 5;
    private static readonly TimeSpan OpenRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Func<string, CancellationToken, Task<HttpResponseMessage>> _reopen;
    private readonly ILogger _logger;
    private readonly byte[] _scratch = new byte[64 * 1024];
    private HttpResponseMessage? _response;
    private Stream _source;
    private byte[] _buffer = new byte[64 * 1024];
    private int _readPosition;
    private int _readyEnd;
    private int _length;
    private string? _resumeFrom;
    private bool _resumable = true;
    private bool _ended;
    private int _resumes;

    public ResumableWatchStream(Stream first, string? requestedVersion, Func<string, CancellationToken, Task<HttpResponseMessage>> reopen, ILogger logger)
    {
        _source = first;
        _resumeFrom = requestedVersion;
        _reopen = reopen;
        _logger = logger;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_readPosition < _readyEnd)
            {
                var count = Math.Min(buffer.Length, _readyEnd - _readPosition);
                _buffer.AsMemory(_readPosition, count).CopyTo(buffer);
                _readPosition += count;
                return count;
            }

            if (_ended)
            {
                return 0;
            }

            int read;
            try
            {
                read = await _source.ReadAsync(_scratch, cancellationToken);
            }
            catch (Exception e) when (CanResume(e, cancellationToken))
            {
                if (!await ResumeAsync(e, cancellationToken))
                {
                    throw;
                }

                continue;
            }

            if (read == 0)
            {
                // The watch ended normally (timeoutSeconds): whatever partial bytes remain go out as they are.
                _readyEnd = _length;
                _ended = true;
                continue;
            }

            Accept(_scratch.AsSpan(0, read));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
            _response?.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool CanResume(Exception e, CancellationToken cancellationToken) =>
        _resumable && _resumeFrom is not null && _resumes < MaxResumes && !cancellationToken.IsCancellationRequested
        && (e as TunnelException ?? e.InnerException as TunnelException) is { Failure: not TunnelFailure.Cancelled };

    // Appends received bytes and marks every complete line ready, remembering the last event's resourceVersion.
    private void Accept(ReadOnlySpan<byte> bytes)
    {
        Compact();
        if (_length + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes.Length));
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        var scanFrom = _length;
        _length += bytes.Length;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _length - scanFrom).IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            var lineEnd = scanFrom + newline + 1;
            if (_resumable && WatchEventLine.ResourceVersion(_buffer.AsSpan(_readyEnd, lineEnd - _readyEnd)) is { } version)
            {
                _resumeFrom = version;
            }

            _readyEnd = lineEnd;
            scanFrom = lineEnd;
        }

        if (_length - _readyEnd > MaxEventBytes)
        {
            // An event this large is not held back: its bytes flow on, and this watch is no longer resumable.
            _resumable = false;
            _readyEnd = _length;
        }
    }

    private void Compact()
    {
        if (_readPosition == 0)
        {
            return;
        }

        var partial = _length - _readPosition;
        Buffer.BlockCopy(_buffer, _readPosition, _buffer, 0, partial);
        _readyEnd -= _readPosition;
        _length = partial;
        _readPosition = 0;
    }

    private async Task<bool> ResumeAsync(Exception failure, CancellationToken cancellationToken)
    {
        _resumes++;
        var from = _resumeFrom!;
        // The partial event of the lost stream comes again, whole, from the new one.
        _length = _readyEnd;
        for (var attempt = 1; attempt <= OpenAttempts; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _reopen(from, cancellationToken);
            }
            catch (TunnelException e) when (e.Failure != TunnelFailure.Cancelled && attempt < OpenAttempts)
            {
                TunnelLog.WatchResumeRetry(_logger, from, e.Message);
                await Task.Delay(OpenRetryDelay, cancellationToken);
                continue;
            }
            catch (TunnelException)
            {
                return false;
            }

            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                _source.Dispose();
                _response?.Dispose();
                _response = response;
                _source = await response.Content.ReadAsStreamAsync(cancellationToken);
                TunnelLog.WatchResumed(_logger, from, failure.Message);
                return true;
            }

            if (response.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                var status = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Dispose();
                Accept(Encoding.UTF8.GetBytes($"{{\"type\":\"ERROR\",\"object\":{status.Trim()}}}\n"));
                _readyEnd = _length;
                _ended = true;
                TunnelLog.WatchResumeGone(_logger, from);
                return true;
            }

            TunnelLog.WatchResumeRefused(_logger, from, (int)response.StatusCode);
            response.Dispose();
            return false;
        }

        return false;
    }
}
