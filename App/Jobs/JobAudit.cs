using Diagrams.App.Platform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diagrams.App.Jobs;

/// <summary>One row per heavy job: who (tenant), what kind, where, how much, how long, how it ended. Never content.</summary>
public sealed class JobAudit
{
    public Guid Id { get; set; }

    public required string ClientKey { get; set; }

    public required string Kind { get; set; }

    /// <summary>The region the job was sent to (or would have been, when refused).</summary>
    public required string Region { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public long DurationMs { get; set; }

    /// <summary>
    /// HTTP status answered plus a word: <c>200 ok</c>, <c>503 region-down</c>, <c>422 rejected</c>, ...; a client's own
    /// input error says so (<c>413 too-large</c>, <c>408 client-too-slow</c>, <c>408 client-aborted</c>, <c>400 client-bad-body</c>).
    /// </summary>
    public required string Outcome { get; set; }

    public DateTime StartedAtUtc { get; set; }
}

internal sealed class JobAuditConfiguration : IEntityTypeConfiguration<JobAudit>
{
    public void Configure(EntityTypeBuilder<JobAudit> builder)
    {
        builder.ToTable("job_audit");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(j => j.ClientKey).HasColumnName("client_key").HasMaxLength(Tenant.ClientKeyMaxLength);
        builder.Property(j => j.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(j => j.Region).HasColumnName("region").HasMaxLength(8);
        builder.Property(j => j.BytesIn).HasColumnName("bytes_in");
        builder.Property(j => j.BytesOut).HasColumnName("bytes_out");
        builder.Property(j => j.DurationMs).HasColumnName("duration_ms");
        builder.Property(j => j.Outcome).HasColumnName("outcome").HasMaxLength(64);
        builder.Property(j => j.StartedAtUtc).HasColumnName("started_at_utc");
        builder.HasIndex(j => new { j.ClientKey, j.StartedAtUtc }).HasDatabaseName("ix_job_audit_client_key_started_at");
    }
}
