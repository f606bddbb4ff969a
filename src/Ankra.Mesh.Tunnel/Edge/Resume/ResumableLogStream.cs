using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// A <c>logs -f</c> body that survives the loss of the agent replica serving it. The edge asked the API server for
/// timestamps (<see cref="LogFollowResumption"/>); each line's stamp is noted and, unless the client asked for
/// timestamps itself, removed before the line is handed out. A lost stream is opened again with
/// <c>sinceTime</c> = the last stamp handed out; of the lines that come again, those older than that stamp and as
/// many at that stamp as were already handed out are skipped, so the reader sees each line once.
/// </summary>
internal sealed class ResumableLogStream(
    Stream first,
    bool clientWantsTimestamps,
    Func<string?, CancellationToken, Task<HttpResponseMessage>> reopen,
    ILogger logger) : ResumableLineStream(first, logger)
{
    private string? _lastKey;
    private string? _lastStamp;
    private int _handedOutAtLast;
    private int _toSkipAtLast;
    private bool _deduplicating;
    private bool _unstamped;
    private bool _atLineStart = true;

    protected override string Kind => "logs -f";

    // Before the first line there is nothing to skip: the same request again is as good as the first.
    protected override string? ResumePoint => _unstamped ? null : _lastStamp is null ? "its start" : $"sinceTime {_lastStamp}";

    protected override void OnLine(ReadOnlySpan<byte> line, bool complete, IBufferWriter<byte> output)
    {
        if (!_atLineStart)
        {
            // The rest of a line too long to hold back: no stamp in it.
            output.Write(line);
            _atLineStart = line[^1] == (byte)'\n';
            return;
        }

        var stamp = LogTimestamp.Parse(line);
        if (stamp.Key is null)
        {
            // No stamp we can order by: the line passes on, and this body can no longer resume without risking a duplicate.
            _unstamped = true;
        }

        if (complete && _deduplicating && stamp.Key is not null && _lastKey is not null)
        {
            var order = string.CompareOrdinal(stamp.Key, _lastKey);
            if (order < 0 || (order == 0 && _toSkipAtLast > 0))
            {
                _toSkipAtLast -= order == 0 ? 1 : 0;
                return;
            }
        }

        _deduplicating = false;
        output.Write(clientWantsTimestamps ? line : line[stamp.PrefixLength..]);
        _atLineStart = complete || line[^1] == (byte)'\n';
        if (complete && stamp.Key is not null)
        {
            _handedOutAtLast = stamp.Key == _lastKey ? _handedOutAtLast + 1 : 1;
            _lastKey = stamp.Key;
            _lastStamp = stamp.Text;
        }
    }

    protected override void OnResuming()
    {
        _deduplicating = true;
        _toSkipAtLast = _handedOutAtLast;
        _atLineStart = true;
    }

    protected override Task<HttpResponseMessage> ReopenAsync(CancellationToken cancellationToken) => reopen(_lastStamp, cancellationToken);
}
