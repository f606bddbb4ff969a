using System.Diagnostics.Metrics;
using Ankra.Mesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>The edge's metrics for a unit test, with the default cluster-label budget.</summary>
internal static class TestEdgeMetrics
{
    public static EdgeMetrics Create(IMeterFactory meters) =>
        new(meters, new ClusterLabels(Options.Create(new MeshTelemetryOptions())));
}
