using System.Diagnostics.Metrics;
using Ankra.Mesh.Edge.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The request path's side of the audit: never waits, and counts what a full buffer drops.</summary>
public sealed class AuditBufferTests
{
    [Fact]
    public void Add_BufferFull_DropsWithoutWaitingAndCountsEachDrop()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = TestEdgeMetrics.Create(services.GetRequiredService<IMeterFactory>());
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ankra.mesh.audit.events_dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var buffer = new AuditBuffer(Options.Create(new AuditOptions { BufferCapacity = 3, BatchSize = 1 }), metrics,
            NullLogger<AuditBuffer>.Instance, TimeProvider.System);

        for (var i = 0; i < 10; i++)
        {
            buffer.Add(Event(i));
        }

        var kept = new List<AuditEvent>();
        while (buffer.Reader.TryRead(out var entry))
        {
            kept.Add(entry);
        }

        Assert.Equal(7, Interlocked.Read(ref dropped));
        Assert.Equal(["r0", "r1", "r2"], kept.Select(e => e.RequestId));
    }

    [Fact]
    public void Validate_BufferSmallerThanBatch_NamesTheSetting()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { BufferCapacity = 10, BatchSize = 100 });

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Audit:BufferCapacity", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringNotNpgsql_NamesTheSetting()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { ConnectionString = "this is=not;valid" });

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Audit:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    private static AuditEvent Event(int i) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        EndedAt = DateTimeOffset.UnixEpoch,
        ClusterId = "c",
        Verb = "get",
        Path = "/api/v1/pods",
        StatusCode = 200,
        RequestId = $"r{i}",
    };
}
