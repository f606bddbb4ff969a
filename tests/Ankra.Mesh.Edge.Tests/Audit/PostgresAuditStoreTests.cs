using Ankra.Mesh.Edge.Audit;
using Ankra.Mesh.Testing;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The durable audit store against a real PostgreSQL 15: the table is created when missing, batches round-trip, filters and retention work.</summary>
public sealed class PostgresAuditStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteThenQuery_FreshDatabase_TableCreatedAndEveryFieldRoundTrips()
    {
        await using var store = await StoreAsync();
        var exec = Event(T0, "alice@example.com", "create") with
        {
            Resource = "pods", Subresource = "exec", Name = "web-0", Namespace = "demo",
            Command = ["sh", "-c", "exit 3"], ExitCode = 3, BytesIn = 12, BytesOut = 345, StatusCode = 101, GrantRole = "edit",
        };

        await store.WriteAsync([exec, Event(T0.AddMinutes(1), "bob@example.com", "list")]);
        var page = await store.QueryAsync(new AuditQuery("cluster-a", "ALICE@example.com", null, null, null, 1, 10)).WaitAsync(TimeSpan.FromSeconds(30));

        var stored = Assert.Single(page.Events);
        Assert.Equal(1, page.Total);
        Assert.True(stored.Id > 0);
        Assert.Equal(exec with { Id = stored.Id }, stored with { Command = exec.Command }); // arrays compare by reference
        Assert.Equal(["sh", "-c", "exit 3"], stored.Command);
    }

    [Fact]
    public async Task Query_FiltersAndPages_NewestFirstWithTotal()
    {
        await using var store = await StoreAsync();
        await store.WriteAsync([.. Enumerable.Range(0, 7).Select(i => Event(T0.AddMinutes(i), "carol@example.com", i % 2 == 0 ? "get" : "delete"))]);

        var gets = await store.QueryAsync(new AuditQuery("cluster-a", null, "get", null, null, 1, 2));
        var window = await store.QueryAsync(new AuditQuery("cluster-a", "user-carol", null, T0.AddMinutes(2), T0.AddMinutes(5), 1, 10));
        var otherCluster = await store.QueryAsync(new AuditQuery("cluster-b", null, null, null, null, 1, 10));

        Assert.Equal(4, gets.Total);
        Assert.Equal([T0.AddMinutes(6), T0.AddMinutes(4)], gets.Events.Select(e => e.Time));
        Assert.Equal([T0.AddMinutes(4), T0.AddMinutes(3), T0.AddMinutes(2)], window.Events.Select(e => e.Time));
        Assert.Equal(0, otherCluster.Total);
    }

    [Fact]
    public async Task DeleteOlderThan_MixedAges_OnlyOldRowsGo()
    {
        await using var store = await StoreAsync();
        await store.WriteAsync([Event(T0.AddDays(-100), "dan@example.com", "get"), Event(T0, "dan@example.com", "get")]);

        var deleted = await store.DeleteOlderThanAsync(T0.AddDays(-90));
        var left = await store.QueryAsync(new AuditQuery("cluster-a", null, null, null, null, 1, 10));

        Assert.Equal(1, deleted);
        Assert.Equal([T0], left.Events.Select(e => e.Time));
    }

    private async Task<PostgresAuditStore> StoreAsync()
    {
        // A database of its own per test; the Orleans tables in it do not matter, the audit table is created by the store.
        var store = new PostgresAuditStore(Options.Create(new AuditOptions { ConnectionString = await postgres.CreateDatabaseAsync() }));
        await store.EnsureReadyAsync();
        await store.EnsureReadyAsync();
        return store;
    }

    private static AuditEvent Event(DateTimeOffset time, string email, string verb) => new()
    {
        Time = time,
        EndedAt = time.AddMilliseconds(15),
        OrganisationId = "org-1",
        ClusterId = "cluster-a",
        UserId = "user-" + email.Split('@')[0],
        UserEmail = email,
        GrantId = "grant-1",
        GrantRole = "view",
        Verb = verb,
        ApiVersion = "v1",
        Namespace = "demo",
        Resource = "configmaps",
        Name = "settings",
        Path = "/api/v1/namespaces/demo/configmaps/settings",
        UserAgent = "kubectl/v1.33.0",
        SourceAddress = "127.0.0.1",
        StatusCode = 200,
        BytesIn = 0,
        BytesOut = 512,
        DurationMs = 15.5,
        RequestId = Guid.NewGuid().ToString("N"),
    };
}
