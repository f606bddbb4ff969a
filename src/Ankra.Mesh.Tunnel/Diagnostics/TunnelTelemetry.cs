using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ankra.Mesh.Tunnel.Diagnostics;

/// <summary>
/// The tunnel's metrics (<c>Meter</c> "Ankra.Mesh.Tunnel") and traces (<c>ActivitySource</c>
/// "Ankra.Mesh.Tunnel"). Every instrument carries a <c>side</c> tag (<c>edge</c> | <c>agent</c>).
/// </summary>
public static class TunnelTelemetry
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Ankra.Mesh.Tunnel";

    /// <summary>Spans: <c>tunnel.stream</c> (edge, client kind) and <c>tunnel.serve</c> (agent, server kind).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly UpDownCounter<long> OpenStreams =
        Meter.CreateUpDownCounter<long>("mesh.tunnel.streams.open", "{stream}", "Streams currently open.");

    internal static readonly Counter<long> Bytes =
        Meter.CreateCounter<long>("mesh.tunnel.bytes", "By", "Body bytes carried; tag direction=sent|received.");

    internal static readonly Histogram<double> StreamDuration =
        Meter.CreateHistogram<double>("mesh.tunnel.stream.duration", "s", "Lifetime of a stream; tag outcome.");

    internal static readonly Counter<long> Resets =
        Meter.CreateCounter<long>("mesh.tunnel.resets", "{reset}", "Streams reset; tags reason and origin=local|remote.");

    internal static readonly Counter<long> Refusals =
        Meter.CreateCounter<long>("mesh.tunnel.open.failures", "{stream}", "Opens that failed; tag failure.");
}
