using Diagrams.App.Platform.Tenants;
using Diagrams.App.Settings;
using Microsoft.EntityFrameworkCore;

namespace Diagrams.App.Data;

/// <summary>The one database context. It holds tenants, their settings and the settings audit; never diagram content.</summary>
public sealed class DiagramsDbContext(DbContextOptions<DiagramsDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantSettings> TenantSettings => Set<TenantSettings>();

    public DbSet<SettingsChange> SettingsChanges => Set<SettingsChange>();

    public DbSet<Jobs.JobAudit> JobAudit => Set<Jobs.JobAudit>();

    public DbSet<Platform.Forge.ForgeInstallation> ForgeInstallations => Set<Platform.Forge.ForgeInstallation>();

    public DbSet<Platform.Forge.UsedJobTicket> UsedJobTickets => Set<Platform.Forge.UsedJobTicket>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DiagramsDbContext).Assembly);
}
