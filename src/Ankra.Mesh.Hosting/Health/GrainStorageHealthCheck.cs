using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// A silo on PostgreSQL is ready only while the database answers a trivial query within two seconds: without it no
/// grain can activate and no write can succeed. Every probe opens its own connection (no pool): an idle pooled one
/// would hide a server that stopped accepting connections, and a probe never waits behind Orleans' queries.
/// </summary>
internal sealed class GrainStorageHealthCheck : IHealthCheck
{
    private readonly string _connectionString;

    public GrainStorageHealthCheck(IOptions<MeshOrleansOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            Timeout = 2,
            CommandTimeout = 2,
            Pooling = false,
            ApplicationName = "ankra-mesh-readiness",
        };
        _connectionString = builder.ConnectionString;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("grain storage (PostgreSQL) answers");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "grain storage (PostgreSQL) does not answer", exception);
        }
    }
}
