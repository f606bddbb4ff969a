using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// The durable audit: table <see cref="AuditSchema.Table"/> in PostgreSQL, written by the background writer with
/// binary COPY (one round trip per batch), read by the audit API one cluster at a time.
/// </summary>
internal sealed class PostgresAuditStore(IOptions<AuditOptions> options) : IAuditStore, IAsyncDisposable
{
    private const string Columns =
        "event_time, ended_at, organisation_id, cluster_id, user_id, user_email, grant_id, grant_role, verb, api_group, api_version, " +
        "namespace, resource, subresource, name, path, user_agent, source_address, status_code, bytes_in, bytes_out, duration_ms, " +
        "request_id, command, exit_code";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString!);
    private volatile bool _ready;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand(AuditSchema.Sql);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another edge created it at the same moment (IF NOT EXISTS does not serialise concurrent creators).
        }

        _ready = true;
    }

    public async Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {AuditSchema.Table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var e in batch)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(e.Time, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(e.EndedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteTextAsync(writer, e.OrganisationId, cancellationToken);
            await WriteTextAsync(writer, e.ClusterId, cancellationToken);
            await WriteTextAsync(writer, e.UserId, cancellationToken);
            await WriteTextAsync(writer, e.UserEmail, cancellationToken);
            await WriteTextAsync(writer, e.GrantId, cancellationToken);
            await WriteTextAsync(writer, e.GrantRole, cancellationToken);
            await WriteTextAsync(writer, e.Verb, cancellationToken);
            await WriteTextAsync(writer, e.ApiGroup, cancellationToken);
            await WriteTextAsync(writer, e.ApiVersion, cancellationToken);
            await WriteTextAsync(writer, e.Namespace, cancellationToken);
            await WriteTextAsync(writer, e.Resource, cancellationToken);
            await WriteTextAsync(writer, e.Subresource, cancellationToken);
            await WriteTextAsync(writer, e.Name, cancellationToken);
            await WriteTextAsync(writer, e.Path, cancellationToken);
            await WriteTextAsync(writer, e.UserAgent, cancellationToken);
            await WriteTextAsync(writer, e.SourceAddress, cancellationToken);
            await writer.WriteAsync(e.StatusCode, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(e.BytesIn, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(e.BytesOut, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(e.DurationMs, NpgsqlDbType.Double, cancellationToken);
            await WriteTextAsync(writer, e.RequestId, cancellationToken);
            if (e.Command is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(e.Command.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }

            if (e.ExitCode is { } exitCode)
            {
                await writer.WriteAsync(exitCode, NpgsqlDbType.Integer, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        const string Filter = """
            WHERE cluster_id = @cluster
              AND (@user::text IS NULL OR lower(user_email) = lower(@user) OR user_id = @user)
              AND (@verb::text IS NULL OR verb = @verb)
              AND (@since::timestamptz IS NULL OR event_time >= @since)
              AND (@until::timestamptz IS NULL OR event_time < @until)
            """;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM {AuditSchema.Table} {Filter}");
        var page = new NpgsqlBatchCommand(
            $"SELECT id, {Columns} FROM {AuditSchema.Table} {Filter} ORDER BY event_time DESC, id DESC LIMIT @limit OFFSET @offset");
        foreach (var command in (NpgsqlBatchCommand[])[count, page])
        {
            command.Parameters.Add(new NpgsqlParameter("cluster", NpgsqlDbType.Text) { Value = query.ClusterId });
            command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = (object?)query.User ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("verb", NpgsqlDbType.Text) { Value = (object?)query.Verb ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (object?)query.Since ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = (object?)query.Until ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        page.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.PageSize });
        page.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Bigint) { Value = (long)(query.Page - 1) * query.PageSize });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return new AuditPage(events, total);
    }

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {AuditSchema.Table} WHERE event_time < @cutoff");
        command.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.TimestampTz) { Value = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static Task WriteTextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static AuditEvent Read(NpgsqlDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new AuditEvent
        {
            Id = r.GetInt64(0),
            Time = r.GetFieldValue<DateTimeOffset>(1),
            EndedAt = r.GetFieldValue<DateTimeOffset>(2),
            OrganisationId = Text(3),
            ClusterId = r.GetString(4),
            UserId = Text(5),
            UserEmail = Text(6),
            GrantId = Text(7),
            GrantRole = Text(8),
            Verb = r.GetString(9),
            ApiGroup = r.GetString(10),
            ApiVersion = r.GetString(11),
            Namespace = r.GetString(12),
            Resource = r.GetString(13),
            Subresource = r.GetString(14),
            Name = r.GetString(15),
            Path = r.GetString(16),
            UserAgent = Text(17),
            SourceAddress = Text(18),
            StatusCode = r.GetInt32(19),
            BytesIn = r.GetInt64(20),
            BytesOut = r.GetInt64(21),
            DurationMs = r.GetDouble(22),
            RequestId = r.GetString(23),
            Command = r.IsDBNull(24) ? null : r.GetFieldValue<string[]>(24),
            ExitCode = r.IsDBNull(25) ? null : r.GetInt32(25),
        };
    }
}
