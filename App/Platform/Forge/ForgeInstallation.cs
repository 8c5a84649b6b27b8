using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// One Forge installation of the app on a site and product, keyed by what is stable across reinstalls (the site's cloudId,
/// the Forge environment, the product). It points at the tenant whose settings it uses: its own, or the Connect tenant of
/// the same site when that tenant's install named this installation. No personal data, no tokens.
/// </summary>
public sealed class ForgeInstallation
{
    public required string CloudId { get; set; }

    public required string EnvironmentId { get; set; }

    public required string Product { get; set; }

    /// <summary>The installation's ARI; it changes on a reinstall, the row (and so the settings) stays.</summary>
    public required string InstallationId { get; set; }

    /// <summary>The <c>tenants.client_key</c> whose settings, policy and audit this installation shares.</summary>
    public required string TenantKey { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class ForgeInstallationConfiguration : IEntityTypeConfiguration<ForgeInstallation>
{
    public void Configure(EntityTypeBuilder<ForgeInstallation> builder)
    {
        builder.ToTable("forge_installations");
        builder.HasKey(f => new { f.CloudId, f.EnvironmentId, f.Product });
        builder.Property(f => f.CloudId).HasColumnName("cloud_id").HasMaxLength(64);
        builder.Property(f => f.EnvironmentId).HasColumnName("environment_id").HasMaxLength(256);
        builder.Property(f => f.Product).HasColumnName("product").HasMaxLength(16);
        builder.Property(f => f.InstallationId).HasColumnName("installation_id").HasMaxLength(256);
        builder.Property(f => f.TenantKey).HasColumnName("tenant_key").HasMaxLength(255);
        builder.Property(f => f.UpdatedAtUtc).HasColumnName("updated_at_utc");
    }
}
