using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diagrams.App.Platform.Tenants;

/// <summary>One installation of the app on a Confluence or Jira site. No personal data.</summary>
public sealed class Tenant
{
    public const int ClientKeyMaxLength = 255;
    public const int BaseUrlMaxLength = 512;

    public required string ClientKey { get; set; }

    /// <summary>The app key the site installed (Confluence and Jira descriptors carry different keys).</summary>
    public required string AppKey { get; set; }

    public required string ProductType { get; set; }

    public required string BaseUrl { get; set; }

    /// <summary>The sharedSecret, AES-256-GCM encrypted (see <c>SecretProtector</c>); null once uninstalled.</summary>
    public string? SharedSecretCipher { get; set; }

    public string? OauthClientId { get; set; }

    /// <summary>The Forge installation ARI this site's Connect install named (while Connect is supported), linking the two.</summary>
    public string? ForgeInstallationId { get; set; }

    public bool Installed { get; set; }

    public bool Enabled { get; set; }

    public DateTime InstalledAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.ClientKey);
        builder.Property(t => t.ClientKey).HasColumnName("client_key").HasMaxLength(Tenant.ClientKeyMaxLength);
        builder.Property(t => t.AppKey).HasColumnName("app_key").HasMaxLength(64);
        builder.Property(t => t.ProductType).HasColumnName("product_type").HasMaxLength(16);
        builder.Property(t => t.BaseUrl).HasColumnName("base_url").HasMaxLength(Tenant.BaseUrlMaxLength);
        builder.Property(t => t.SharedSecretCipher).HasColumnName("shared_secret_cipher").HasMaxLength(1024);
        builder.Property(t => t.OauthClientId).HasColumnName("oauth_client_id").HasMaxLength(128);
        builder.Property(t => t.ForgeInstallationId).HasColumnName("forge_installation_id").HasMaxLength(256);
        builder.Property(t => t.Installed).HasColumnName("installed");
        builder.Property(t => t.Enabled).HasColumnName("enabled");
        builder.Property(t => t.InstalledAtUtc).HasColumnName("installed_at_utc");
        builder.Property(t => t.UpdatedAtUtc).HasColumnName("updated_at_utc");
    }
}
