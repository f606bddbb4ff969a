using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests.Audit;

/// <summary>A stack whose edge writes its gateway audit to a real PostgreSQL 15 (its own database), flushed every 100 ms.</summary>
public class AuditStackFixture : StackFixture
{
    public PostgresFixture Postgres { get; } = new();

    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        _connectionString = await Postgres.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    protected virtual IReadOnlyDictionary<string, string> AuditSettings() => new Dictionary<string, string>
    {
        ["Mesh:Audit:FlushInterval"] = "00:00:00.100",
    };

    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        EdgeSettings = new Dictionary<string, string>(AuditSettings()) { ["Mesh:Audit:ConnectionString"] = _connectionString },
    };
}
