using Ankra.Mesh.Testing;
using Npgsql;

namespace Ankra.Mesh.Testing.Tests;

public sealed class PostgresFixtureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_Connection_HoldsOrleansTablesAndQueries()
    {
        await using var fixture = new FixtureScope<PostgresFixture>(new PostgresFixture());
        await fixture.StartAsync().WaitAsync(Timeout);

        var connectionString = await fixture.Value.CreateDatabaseAsync().WaitAsync(Timeout);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var tables = await ReadColumnAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Contains("orleansquery", tables);
        Assert.Contains("orleansmembershiptable", tables);
        Assert.Contains("orleansmembershipversiontable", tables);
        Assert.Contains("orleansstorage", tables);

        var queries = await ReadColumnAsync(connection, "SELECT querykey FROM orleansquery");
        Assert.Contains("InsertMembershipKey", queries);
        Assert.Contains("WriteToStorageKey", queries);
    }

    [Fact]
    public async Task Dispose_RunningServer_NoPostgresProcessRemains()
    {
        var fixture = new PostgresFixture();
        await fixture.InitializeAsync().WaitAsync(Timeout);
        var pid = fixture.Process!.Id;
        var backends = await ChildPidsAsync(pid);
        Assert.True(UnixSignal.IsAlive(pid));
        Assert.NotEmpty(backends); // checkpointer, walwriter, ... are children of the postmaster

        await fixture.DisposeAsync().WaitAsync(Timeout);

        Assert.False(UnixSignal.IsAlive(pid), $"postmaster pid {pid} survived disposal");
        Assert.All(backends, child => Assert.False(UnixSignal.IsAlive(child), $"postgres child {child} survived"));
    }

    private static async Task<List<string>> ReadColumnAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<List<int>> ChildPidsAsync(int parent)
    {
        var children = await File.ReadAllTextAsync($"/proc/{parent}/task/{parent}/children");
        return [.. children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }
}
