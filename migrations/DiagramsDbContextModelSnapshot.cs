using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Diagrams.Migrations;

/// <summary>
/// The model as the migrations leave it. Update it with every migration; <c>MigrationsTests</c>
/// fails when it and the DbContext model disagree.
/// </summary>
[DbContext(typeof(DiagramsDbContext))]
public sealed class DiagramsDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Diagrams.App.Platform.Tenants.Tenant", b =>
        {
            b.Property<string>("ClientKey").HasMaxLength(255).HasColumnName("client_key");
            b.Property<string>("AppKey").IsRequired().HasMaxLength(64).HasColumnName("app_key");
            b.Property<string>("ProductType").IsRequired().HasMaxLength(16).HasColumnName("product_type");
            b.Property<string>("BaseUrl").IsRequired().HasMaxLength(512).HasColumnName("base_url");
            b.Property<string>("SharedSecretCipher").HasMaxLength(1024).HasColumnName("shared_secret_cipher");
            b.Property<string>("OauthClientId").HasMaxLength(128).HasColumnName("oauth_client_id");
            b.Property<string>("ForgeInstallationId").HasMaxLength(256).HasColumnName("forge_installation_id");
            b.Property<bool>("Installed").HasColumnName("installed");
            b.Property<bool>("Enabled").HasColumnName("enabled");
            b.Property<DateTime>("InstalledAtUtc").HasColumnName("installed_at_utc");
            b.Property<DateTime>("UpdatedAtUtc").HasColumnName("updated_at_utc");
            b.HasKey("ClientKey");
            b.ToTable("tenants");
        });

        modelBuilder.Entity("Diagrams.App.Platform.Forge.ForgeInstallation", b =>
        {
            b.Property<string>("CloudId").HasMaxLength(64).HasColumnName("cloud_id");
            b.Property<string>("EnvironmentId").HasMaxLength(256).HasColumnName("environment_id");
            b.Property<string>("Product").HasMaxLength(16).HasColumnName("product");
            b.Property<string>("InstallationId").IsRequired().HasMaxLength(256).HasColumnName("installation_id");
            b.Property<string>("TenantKey").IsRequired().HasMaxLength(255).HasColumnName("tenant_key");
            b.Property<DateTime>("UpdatedAtUtc").HasColumnName("updated_at_utc");
            b.HasKey("CloudId", "EnvironmentId", "Product");
            b.ToTable("forge_installations");
        });

        modelBuilder.Entity("Diagrams.App.Settings.TenantSettings", b =>
        {
            b.Property<string>("ClientKey").HasMaxLength(255).HasColumnName("client_key");
            b.Property<string>("DataGovernance").IsRequired().HasMaxLength(8).HasColumnName("data_governance");
            b.Property<bool>("Lockdown").HasColumnName("lockdown");
            b.Property<int>("Version").IsConcurrencyToken().HasColumnName("version");
            b.Property<DateTime>("UpdatedAtUtc").HasColumnName("updated_at_utc");
            b.HasKey("ClientKey");
            b.ToTable("tenant_settings");
        });

        modelBuilder.Entity("Diagrams.App.Jobs.JobAudit", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedNever().HasColumnName("id");
            b.Property<string>("ClientKey").IsRequired().HasMaxLength(255).HasColumnName("client_key");
            b.Property<string>("Kind").IsRequired().HasMaxLength(16).HasColumnName("kind");
            b.Property<string>("Region").IsRequired().HasMaxLength(8).HasColumnName("region");
            b.Property<long>("BytesIn").HasColumnName("bytes_in");
            b.Property<long>("BytesOut").HasColumnName("bytes_out");
            b.Property<long>("DurationMs").HasColumnName("duration_ms");
            b.Property<string>("Outcome").IsRequired().HasMaxLength(64).HasColumnName("outcome");
            b.Property<DateTime>("StartedAtUtc").HasColumnName("started_at_utc");
            b.HasKey("Id");
            b.HasIndex("ClientKey", "StartedAtUtc").HasDatabaseName("ix_job_audit_client_key_started_at");
            b.ToTable("job_audit");
        });

        modelBuilder.Entity("Diagrams.App.Settings.SettingsChange", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedNever().HasColumnName("id");
            b.Property<string>("ClientKey").IsRequired().HasMaxLength(255).HasColumnName("client_key");
            b.Property<DateTime>("ChangedAtUtc").HasColumnName("changed_at_utc");
            b.Property<string>("OldValue").IsRequired().HasMaxLength(1024).HasColumnName("old_value");
            b.Property<string>("NewValue").IsRequired().HasMaxLength(1024).HasColumnName("new_value");
            b.HasKey("Id");
            b.HasIndex("ClientKey", "ChangedAtUtc").HasDatabaseName("ix_settings_changes_client_key_changed_at");
            b.ToTable("settings_changes");
        });

        modelBuilder.Entity("Diagrams.App.Platform.Forge.UsedJobTicket", b =>
        {
            b.Property<string>("Id").HasMaxLength(64).HasColumnName("id");
            b.Property<DateTime>("ExpiresAtUtc").HasColumnName("expires_at_utc");
            b.HasKey("Id");
            b.HasIndex("ExpiresAtUtc").HasDatabaseName("IX_used_job_tickets_expires_at_utc");
            b.ToTable("used_job_tickets");
        });
    }
}
