using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// A job ticket that has run its job (<see cref="JobTickets"/>): its random id until the ticket expires, so that no App
/// instance sharing this database runs it again. No tenant, no content: the id is random and means nothing after expiry.
/// </summary>
public sealed class UsedJobTicket
{
    public const int MaxIdLength = 64;

    public required string Id { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}

internal sealed class UsedJobTicketConfiguration : IEntityTypeConfiguration<UsedJobTicket>
{
    public void Configure(EntityTypeBuilder<UsedJobTicket> builder)
    {
        builder.ToTable("used_job_tickets");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id").HasMaxLength(UsedJobTicket.MaxIdLength);
        builder.Property(u => u.ExpiresAtUtc).HasColumnName("expires_at_utc");
        builder.HasIndex(u => u.ExpiresAtUtc).HasDatabaseName("IX_used_job_tickets_expires_at_utc");
    }
}
