using Ankra.Mesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.Telemetry;

/// <summary>The bounded <c>cluster</c> label: the first N clusters by id, every later one <c>other</c>, for the process's life.</summary>
public sealed class ClusterLabelsTests
{
    [Fact]
    public void Value_MoreClustersThanTheCap_FirstOnesKeepTheirIdRestAreOther()
    {
        var labels = new ClusterLabels(Options.Create(new MeshTelemetryOptions { MaxClusterLabels = 2 }));

        Assert.Equal("c1", labels.Value("c1"));
        Assert.Equal("c2", labels.Value("c2"));
        Assert.Equal(ClusterLabels.Other, labels.Value("c3"));
        Assert.Equal("c1", labels.Value("c1"));
        Assert.Equal(ClusterLabels.Other, labels.Value("c4"));
    }

    [Fact]
    public void Peek_UnlabelledCluster_ReturnsOtherAndTakesNoSlot()
    {
        var labels = new ClusterLabels(Options.Create(new MeshTelemetryOptions { MaxClusterLabels = 1 }));

        Assert.Equal(ClusterLabels.Other, labels.Peek("made-up"));
        Assert.Equal("real", labels.Value("real"));
        Assert.Equal("real", labels.Peek("real"));
    }

    [Fact]
    public void Value_ManyThreadsRacingForTheLastSlots_NeverMoreThanTheCap()
    {
        var labels = new ClusterLabels(Options.Create(new MeshTelemetryOptions { MaxClusterLabels = 10 }));
        var values = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 1000, i => values.Add(labels.Value($"c{i % 100}")));

        Assert.Equal(10, values.Where(v => v != ClusterLabels.Other).Distinct().Count());
    }
}
