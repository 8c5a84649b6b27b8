using Npgsql;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>
/// A fresh, uniquely named database on the PostgreSQL server that <c>.ci/run</c> installs and starts.
/// Server from <c>TEST_POSTGRES</c> (default: postgres/postgres on 127.0.0.1:5432). No server is a failure, not a skip.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private static readonly string Server = Environment.GetEnvironmentVariable("TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private TestPostgres(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var database = new TestPostgres("diagrams_test_" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"The tests need PostgreSQL ({Server.Split(";Password")[0]}): run `bash .ci/run`, or start a server and set TEST_POSTGRES.", ex);
        }

        return database;
    }

    /// <summary>Every text value in every table of the database, for "is this string stored anywhere" checks.</summary>
    public async Task<List<string>> AllTextAsync()
    {
        var values = new List<string>();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }
        }

        return values;
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
