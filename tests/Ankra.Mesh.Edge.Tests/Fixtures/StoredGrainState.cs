using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>
/// A grain state row as the silos' AdoNet storage wrote it in PostgreSQL (table <c>orleansstorage</c>):
/// its version (bumped by every write), write time and payload, decoded with the Orleans serializer the
/// storage is configured with. Read straight from the database, so a test sees what survives a restart.
/// </summary>
internal sealed record StoredGrainState(int Version, DateTime ModifiedOn, byte[] Payload)
{
    public T Decode<T>()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return services.GetRequiredService<Serializer>().Deserialize<T>(Payload) ?? throw new InvalidOperationException("the stored payload decodes to null");
    }

    /// <summary>The row of the state of the grain keyed <paramref name="grainKey"/> (string key), or null when none was written.</summary>
    public static async Task<StoredGrainState?> ReadAsync(string connectionString, string grainKey)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var command = new NpgsqlCommand(
            "SELECT version, modifiedon, payloadbinary FROM orleansstorage WHERE grainidextensionstring = @key", connection);
        command.Parameters.AddWithValue("key", grainKey);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var row = new StoredGrainState(reader.GetInt32(0), reader.GetDateTime(1), (byte[])reader.GetValue(2));
        return await reader.ReadAsync() ? throw new InvalidOperationException($"more than one stored state for grain key {grainKey}") : row;
    }

    /// <summary>Every row's type and key, for failure messages.</summary>
    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var command = new NpgsqlCommand("SELECT graintypestring, grainidextensionstring, grainidn0, grainidn1, version FROM orleansstorage", connection);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetValue(0)} | {reader.GetValue(1)} | {reader.GetValue(2)} | {reader.GetValue(3)} | v{reader.GetValue(4)}");
        }

        return string.Join('\n', rows);
    }
}
