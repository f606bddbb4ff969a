using Ankra.Mesh.Edge.Audit;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The audit table has one definition: the script operators apply is the one the edge runs.</summary>
public sealed class AuditSchemaTests
{
    [Fact]
    public async Task Sql_ShippedScript_EqualsWhatTheEdgeRuns()
    {
        var script = await File.ReadAllTextAsync(RepositoryPaths.Combine("deploy", "sql", "Ankra-GatewayAudit.sql"));

        Assert.Equal(script.ReplaceLineEndings("\n").TrimEnd('\n'), AuditSchema.Sql.ReplaceLineEndings("\n"));
    }
}
