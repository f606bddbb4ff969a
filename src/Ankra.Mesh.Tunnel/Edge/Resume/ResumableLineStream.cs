using System.Buffers;
using Ankra.Mesh.Tunnel.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// A line-oriented response body (a JSON watch, <c>logs -f</c>) that survives the loss of the agent replica serving
/// it. Bytes reach the reader a whole line at a time, after the subclass has seen the line and noted where a new
/// request would continue from. When the tunnel stream fails (not cancelled by the client), the subclass opens the
/// same request again from that point on another replica; the partial line of the lost stream is dropped and comes
/// again, whole, from the new one, so the reader sees neither a gap nor a duplicate.
/// </summary>
internal abstract class ResumableLineStream : Stream
{
    /// <summary>Longest line held back whole; a longer one passes through as it comes and ends resuming for this body.</summary>
    internal const int MaxLineBytes = 16 * 1024 * 1024;

    private const int MaxResumes = 16;
    private const int OpenAttempts = 5;
    private static readonly TimeSpan OpenRetryDelay = TimeSpan.FromSeconds(1);

    private readonly byte[] _scratch = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _ready = new(64 * 1024);
    private HttpResponseMessage? _response;
    private Stream _source;
    private byte[] _line = new byte[64 * 1024];
    private int _lineLength;
    private int _readyPosition;
    private bool _passingThroughLongLine;
    private bool _ended;
    private int _resumes;

    protected ResumableLineStream(Stream first, ILogger logger)
    {
        _source = first;
        Logger = logger;
    }

    protected ILogger Logger { get; }

    /// <summary>"watch" or "logs -f", for the log.</summary>
    protected abstract string Kind { get; }

    /// <summary>Where a new request would continue from, for the log; null while there is no such point.</summary>
    protected abstract string? ResumePoint { get; }

    /// <summary>False once a line too long to hold back has passed through: resuming could repeat or skip part of it.</summary>
    protected bool Resumable { get; private set; } = true;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Sees one line (newline included) and writes what the reader gets of it into <paramref name="output"/>. A part of
    /// an over-long line comes with <paramref name="complete"/> false (the rest follows as further parts).
    /// </summary>
    protected abstract void OnLine(ReadOnlySpan<byte> line, bool complete, IBufferWriter<byte> output);

    /// <summary>The same request again from <see cref="ResumePoint"/> (same headers, identity and target), on a new stream.</summary>
    protected abstract Task<HttpResponseMessage> ReopenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A reopened request answered other than 200: true if the subclass ended the body itself (writing a last line
    /// into <paramref name="output"/>), false to fail the read with the original error.
    /// </summary>
    protected virtual Task<bool> EndOnRefusalAsync(HttpResponseMessage response, IBufferWriter<byte> output, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>Called before each resume: the lines that will come again must be recognised.</summary>
    protected virtual void OnResuming()
    {
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_readyPosition < _ready.WrittenCount)
            {
                var count = Math.Min(buffer.Length, _ready.WrittenCount - _readyPosition);
                _ready.WrittenMemory.Slice(_readyPosition, count).CopyTo(buffer);
                _readyPosition += count;
                return count;
            }

            _ready.ResetWrittenCount();
            _readyPosition = 0;
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
                // The body ended normally (timeoutSeconds, a container that exited): a partial last line goes out as it is.
                if (_lineLength > 0)
                {
                    OnLine(_line.AsSpan(0, _lineLength), complete: false, _ready);
                    _lineLength = 0;
                }

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
        Resumable && ResumePoint is not null && _resumes < MaxResumes && !cancellationToken.IsCancellationRequested
        && (e as TunnelException ?? e.InnerException as TunnelException) is { Failure: not TunnelFailure.Cancelled };

    // Splits received bytes into lines; every complete line goes to the subclass, a partial one waits for its end.
    private void Accept(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var part = newline < 0 ? bytes : bytes[..(newline + 1)];
            bytes = bytes[part.Length..];
            if (_passingThroughLongLine)
            {
                OnLine(part, complete: false, _ready);
                _passingThroughLongLine = newline < 0;
                continue;
            }

            if (newline >= 0 && _lineLength == 0)
            {
                OnLine(part, complete: true, _ready);
                continue;
            }

            Append(part);
            if (newline >= 0)
            {
                OnLine(_line.AsSpan(0, _lineLength), complete: true, _ready);
                _lineLength = 0;
            }
            else if (_lineLength > MaxLineBytes)
            {
                // A line this long is not held back: its bytes flow on as they come, and this body is no longer resumable.
                Resumable = false;
                _passingThroughLongLine = true;
                OnLine(_line.AsSpan(0, _lineLength), complete: false, _ready);
                _lineLength = 0;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_lineLength + part.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + part.Length));
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }

    private async Task<bool> ResumeAsync(Exception failure, CancellationToken cancellationToken)
    {
        _resumes++;
        var from = ResumePoint!;
        // The partial line of the lost stream comes again, whole, from the new one.
        _lineLength = 0;
        OnResuming();
        for (var attempt = 1; attempt <= OpenAttempts; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await ReopenAsync(cancellationToken);
            }
            catch (TunnelException e) when (e.Failure != TunnelFailure.Cancelled && attempt < OpenAttempts)
            {
                TunnelLog.StreamResumeRetry(Logger, Kind, from, e);
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
                TunnelLog.StreamResumed(Logger, Kind, from, failure.Message);
                return true;
            }

            using (response)
            {
                if (await EndOnRefusalAsync(response, _ready, cancellationToken))
                {
                    _ended = true;
                    return true;
                }

                TunnelLog.StreamResumeRefused(Logger, Kind, from, (int)response.StatusCode);
                return false;
            }
        }

        return false;
    }
}
