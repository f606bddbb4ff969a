using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ankra.Mesh.Testing;

/// <summary>
/// A real PostgreSQL 15 cluster for one test run: <c>initdb</c> into a temporary folder (as the
/// <c>postgres</c> user when we run as root, because initdb refuses root), <c>postgres</c> on a free
/// loopback port with its own socket folder, and a template database holding the Orleans AdoNet
/// tables from <c>deploy/sql</c>. Stopped by process id (fast shutdown) on disposal; a test can stop and
/// start it in between (<see cref="StopAsync"/>, <see cref="StartAsync"/>) to play a database outage.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The template every <see cref="CreateDatabaseAsync"/> database is copied from.</summary>
    public const string TemplateDatabase = "orleans_template";

    /// <summary>Orleans' scripts in the order they must run (Main first).</summary>
    public static readonly IReadOnlyList<string> OrleansScripts =
        ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"];

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-pg-").FullName;
    private int _databaseCounter;

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The running postmaster (null before start and after disposal).</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Connection string of the database that holds the Orleans tables.</summary>
    public string ConnectionString => ConnectionStringFor(TemplateDatabase);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(SocketDirectory);
        if (IsRoot)
        {
            await RunToEndAsync("chown", ["-R", "postgres:postgres", _directory]);
        }

        await RunToEndAsync(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
            asPostgres: true);

        Port = FreePort.Next();
        await StartAsync();
        await ExecuteAsync("postgres", $"CREATE DATABASE {TemplateDatabase}");
        foreach (var script in OrleansScripts)
        {
            var sql = await File.ReadAllTextAsync(RepositoryPaths.Combine("deploy", "sql", script));
            await ExecuteAsync(TemplateDatabase, sql);
        }
    }

    /// <summary>
    /// Stops the server by its process id (fast shutdown: open connections are cut, new ones refused), as an
    /// outage of the database looks to its clients. <see cref="StartAsync"/> brings it back with its data.
    /// </summary>
    public async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
            Process = null;
        }
    }

    /// <summary>Starts the server on its data folder and port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (Process is not null)
        {
            return;
        }

        Process = ChildProcess.Start("postgres", StartInfo(Path.Combine(BinDirectory, "postgres"),
            ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", SocketDirectory,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=200"], asPostgres: true),
            stopSignal: UnixSignal.Interrupt);
        await Process.WaitForLineAsync(
            line => line.Contains("database system is ready to accept connections", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Creates a fresh database holding empty Orleans tables; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"orleans_{Interlocked.Increment(ref _databaseCounter)}";
        await ExecuteAsync("postgres", $"CREATE DATABASE {name} TEMPLATE {TemplateDatabase}");
        return ConnectionStringFor(name);
    }

    /// <summary>Connection string for a database of this cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = false,
        }.ConnectionString;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
            Process = null;
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string DataDirectory => Path.Combine(_directory, "data");

    private string SocketDirectory => Path.Combine(_directory, "sock");

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, bool asPostgres)
    {
        // setpriv execs the target in place, so the pid we hold is the server's own pid.
        var startInfo = asPostgres && IsRoot
            ? new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=postgres", "--regid=postgres", "--init-groups", fileName } }
            : new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.WorkingDirectory = Path.GetTempPath();
        return startInfo;
    }

    private static async Task RunToEndAsync(string fileName, IEnumerable<string> arguments, bool asPostgres = false)
    {
        await using var child = ChildProcess.Start(Path.GetFileName(fileName), StartInfo(fileName, arguments, asPostgres));
        var exited = await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (exited != child.Exited || await child.Exited != 0)
        {
            throw new InvalidOperationException($"{fileName} failed. Output:\n{child.RecentOutput}");
        }
    }
}
