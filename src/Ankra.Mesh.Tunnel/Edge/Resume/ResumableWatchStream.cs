using System.Buffers;
using System.Text;
using Ankra.Mesh.Tunnel.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// A JSON watch body that survives the loss of the agent replica serving it: the resourceVersion of the last event
/// handed out is kept, and a lost stream is opened again from that version on another replica. A 410 Gone on
/// resuming becomes the ERROR event the API server itself would send, so clients relist as they do for an expired watch.
/// </summary>
internal sealed class ResumableWatchStream(
    Stream first,
    string? requestedVersion,
    Func<string, CancellationToken, Task<HttpResponseMessage>> reopen,
    ILogger logger) : ResumableLineStream(first, logger)
{
    private string? _resumeFrom = requestedVersion;

    protected override string Kind => "watch";

    protected override string? ResumePoint => _resumeFrom is null ? null : $"resourceVersion {_resumeFrom}";

    protected override void OnLine(ReadOnlySpan<byte> line, bool complete, IBufferWriter<byte> output)
    {
        if (complete && Resumable && WatchEventLine.ResourceVersion(line) is { } version)
        {
            _resumeFrom = version;
        }

        output.Write(line);
    }

    protected override Task<HttpResponseMessage> ReopenAsync(CancellationToken cancellationToken) => reopen(_resumeFrom!, cancellationToken);

    protected override async Task<bool> EndOnRefusalAsync(HttpResponseMessage response, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Gone)
        {
            return false;
        }

        var status = await response.Content.ReadAsStringAsync(cancellationToken);
        output.Write(Encoding.UTF8.GetBytes($"{{\"type\":\"ERROR\",\"object\":{status.Trim()}}}\n"));
        TunnelLog.WatchResumeGone(Logger, _resumeFrom!);
        return true;
    }
}
