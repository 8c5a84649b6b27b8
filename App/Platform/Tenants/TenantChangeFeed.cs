using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Diagrams.App.Platform.Tenants;

/// <summary>Tells every App instance that a tenant row changed, so no instance keeps a rotated or erased secret.</summary>
public interface ITenantChangeFeed
{
    /// <summary>Called inside the writing transaction; delivery happens on commit.</summary>
    Task PublishAsync(DiagramsDbContext db, string clientKey, CancellationToken ct);
}

/// <summary>The embedded SQLite default runs one instance: the local eviction after the write is enough.</summary>
internal sealed class LocalTenantChangeFeed : ITenantChangeFeed
{
    public Task PublishAsync(DiagramsDbContext db, string clientKey, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>PostgreSQL LISTEN/NOTIFY: a change on one instance evicts the tenant on all of them.</summary>
internal sealed partial class PostgresTenantChangeFeed(DatabaseConnection database, TenantDirectory directory, ILogger<PostgresTenantChangeFeed> logger)
    : BackgroundService, ITenantChangeFeed
{
    private const string Channel = "diagrams_tenant_changed";

    public Task PublishAsync(DiagramsDbContext db, string clientKey, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {clientKey})", ct);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        directory.Watched = false; // until LISTEN is in place
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                connection.Notification += (_, e) => directory.Evict(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything may have changed while we were not listening.
                directory.Watched = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                directory.Watched = false;
                LogListenFailed(logger, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant change listener lost its connection ({ErrorType}); reconnecting and clearing the tenant cache.")]
    private static partial void LogListenFailed(ILogger logger, string errorType);
}
