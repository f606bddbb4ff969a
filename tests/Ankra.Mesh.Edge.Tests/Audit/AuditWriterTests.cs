using Ankra.Mesh.Edge.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The background writer: batches reach the store, a failing store is retried with the batch held, retention deletes old rows.</summary>
public sealed class AuditWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Writer_StoreFailsTwiceThenWorks_BatchWrittenOnceAndOldRowsSwept()
    {
        var options = Options.Create(new AuditOptions
        {
            BatchSize = 10, BufferCapacity = 100, FlushInterval = TimeSpan.FromMilliseconds(50),
            Retention = TimeSpan.FromHours(1), RetentionSweepInterval = TimeSpan.FromMilliseconds(100),
        });
        var store = new FlakyStore(new InMemoryAuditStore(options), failures: 2);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = TestEdgeMetrics.Create(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var buffer = new AuditBuffer(options, metrics, NullLogger<AuditBuffer>.Instance, TimeProvider.System);
        // Every field the enricher would fill is set, so it never asks a grain.
        using var enricher = new AuditEnricher(null!, NullLogger<AuditEnricher>.Instance);
        using var writer = new AuditWriter(buffer, store, enricher, metrics, options, TimeProvider.System, NullLogger<AuditWriter>.Instance);
        var now = DateTimeOffset.UtcNow;
        buffer.Add(Event("old", now.AddHours(-2)));
        buffer.Add(Event("new", now));

        await writer.StartAsync(CancellationToken.None);
        await store.Written.Task.WaitAsync(Timeout);
        await store.Swept.Task.WaitAsync(Timeout);
        await writer.StopAsync(CancellationToken.None);

        var left = await store.QueryAsync(new AuditQuery("c", null, null, null, null, 1, 10));
        Assert.Equal(3, store.WriteAttempts);
        Assert.Equal(["new"], left.Events.Select(e => e.RequestId));
    }

    private static AuditEvent Event(string id, DateTimeOffset time) => new()
    {
        Time = time, EndedAt = time, ClusterId = "c", OrganisationId = "o", UserEmail = "a@b.c", GrantRole = "view",
        Verb = "get", Path = "/api/v1/pods", StatusCode = 200, RequestId = id,
    };

    /// <summary>Fails its first writes (a database outage), then stores; signals a successful write and a sweep that deleted rows.</summary>
    private sealed class FlakyStore(InMemoryAuditStore inner, int failures) : IAuditStore
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Swept { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int WriteAttempts { get; private set; }

        public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken = default)
        {
            if (++WriteAttempts <= failures)
            {
                throw new InvalidOperationException("database down");
            }

            await inner.WriteAsync(batch, cancellationToken);
            Written.TrySetResult();
        }

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
        {
            var deleted = await inner.DeleteOlderThanAsync(cutoff, cancellationToken);
            if (deleted > 0)
            {
                Swept.TrySetResult();
            }

            return deleted;
        }
    }
}
