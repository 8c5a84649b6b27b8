using Diagrams.App.Platform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diagrams.App.Settings;

/// <summary>Per-site policy set by a site admin. Survives an uninstall so a reinstall restores it.</summary>
public sealed class TenantSettings
{
    public required string ClientKey { get; set; }

    /// <summary>A region code (<see cref="RegionSet"/>), stored upper case; configuration may since have dropped it.</summary>
    public required string DataGovernance { get; set; }

    public bool Lockdown { get; set; }

    /// <summary>Optimistic concurrency token, exposed as the ETag.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One row per settings change: when, old and new document. No actor identity.</summary>
public sealed class SettingsChange
{
    public Guid Id { get; set; }

    public required string ClientKey { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    public required string OldValue { get; set; }

    public required string NewValue { get; set; }
}

internal sealed class TenantSettingsConfiguration : IEntityTypeConfiguration<TenantSettings>
{
    public void Configure(EntityTypeBuilder<TenantSettings> builder)
    {
        builder.ToTable("tenant_settings");
        builder.HasKey(s => s.ClientKey);
        builder.Property(s => s.ClientKey).HasColumnName("client_key").HasMaxLength(Tenant.ClientKeyMaxLength);
        builder.Property(s => s.DataGovernance).HasColumnName("data_governance").HasMaxLength(8);
        builder.Property(s => s.Lockdown).HasColumnName("lockdown");
        builder.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(s => s.UpdatedAtUtc).HasColumnName("updated_at_utc");
    }
}

internal sealed class SettingsChangeConfiguration : IEntityTypeConfiguration<SettingsChange>
{
    public void Configure(EntityTypeBuilder<SettingsChange> builder)
    {
        builder.ToTable("settings_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.ClientKey).HasColumnName("client_key").HasMaxLength(Tenant.ClientKeyMaxLength);
        builder.Property(c => c.ChangedAtUtc).HasColumnName("changed_at_utc");
        builder.Property(c => c.OldValue).HasColumnName("old_value").HasMaxLength(1024);
        builder.Property(c => c.NewValue).HasColumnName("new_value").HasMaxLength(1024);
        builder.HasIndex(c => new { c.ClientKey, c.ChangedAtUtc }).HasDatabaseName("ix_settings_changes_client_key_changed_at");
    }
}
