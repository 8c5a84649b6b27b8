using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diagrams.App.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Diagrams.App.Platform.Forge;

/// <summary>What a valid ticket grants: one job of <see cref="Kind"/> for the tenant <see cref="TenantKey"/>.</summary>
public sealed record JobTicketGrant(string TenantKey, string Kind);

/// <summary>
/// Job tickets: a Forge UI call (which Forge cuts at 25 s) asks for one, and the browser then runs a long job directly
/// against this backend. A ticket is <c>v1.{payload}.{HMAC-SHA256}</c>, base64url, binding the tenant key, the job kind,
/// an expiry (<see cref="LifetimeSeconds"/>) and a random id; the key is derived from <c>Secrets:MasterKey</c> with HKDF
/// under its own purpose label, so it is never the key that encrypts secrets. A ticket is used once, on any App instance:
/// its id is written to <c>used_job_tickets</c> (the primary key refuses a second use) and removed once it has expired.
/// </summary>
public sealed class JobTickets(SecretProtector secrets, TimeProvider time)
{
    public const int LifetimeSeconds = 60;
    public const int MaxLength = 1024;
    private const string Version = "v1";

    private readonly byte[] _key = secrets.DeriveKey("diagrams/forge-job-ticket/v1");

    public string Issue(string tenantKey, string kind)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(tenantKey, kind, time.GetUtcNow().AddSeconds(LifetimeSeconds).ToUnixTimeSeconds(),
            WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16))));
        var signed = $"{Version}.{WebEncoders.Base64UrlEncode(payload)}";
        return $"{signed}.{WebEncoders.Base64UrlEncode(Mac(signed))}";
    }

    /// <summary>Checks the ticket for a job of <paramref name="kind"/> and uses it up; the failure says why it is refused.</summary>
    public async Task<(JobTicketGrant? Grant, string? Failure)> RedeemAsync(string ticket, string kind, DiagramsDbContext db, CancellationToken ct)
    {
        var parts = ticket.Length <= MaxLength ? ticket.Split('.') : [];
        if (parts.Length != 3 || parts[0] != Version || !TryDecode(parts[2], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac($"{parts[0]}.{parts[1]}")))
        {
            return (null, "The job ticket is malformed or its signature does not verify; ask for a new one (POST /forge/api/jobs/tickets).");
        }

        if (!TryDecode(parts[1], out var json) || Read(json) is not { TenantKey: { } tenant, Kind: { } ticketKind, Id: { Length: > 0 and <= UsedJobTicket.MaxIdLength } id } payload)
        {
            return (null, "The job ticket's payload is unreadable.");
        }

        var now = time.GetUtcNow();
        if (payload.Expires <= now.ToUnixTimeSeconds())
        {
            return (null, $"The job ticket has expired (tickets last {LifetimeSeconds} s); ask for a new one.");
        }

        if (!string.Equals(ticketKind, kind, StringComparison.Ordinal))
        {
            return (null, $"The job ticket is for a {ticketKind} job, not {kind}.");
        }

        if (!await UseAsync(db, id, DateTimeOffset.FromUnixTimeSeconds(payload.Expires).UtcDateTime, now.UtcDateTime, ct))
        {
            return (null, "The job ticket was already used; a ticket runs one job.");
        }

        return (new JobTicketGrant(tenant, ticketKind), null);
    }

    /// <summary>Records the ticket's id; false when any instance recorded it before. Expired ids are removed on the way.</summary>
    private static async Task<bool> UseAsync(DiagramsDbContext db, string id, DateTime expiresAtUtc, DateTime nowUtc, CancellationToken ct)
    {
        await db.UsedJobTickets.Where(u => u.ExpiresAtUtc < nowUtc).ExecuteDeleteAsync(ct); // an expired ticket is refused before this
        var used = db.UsedJobTickets.Add(new UsedJobTicket { Id = id, ExpiresAtUtc = expiresAtUtc });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            used.State = EntityState.Detached;
            if (await db.UsedJobTickets.AsNoTracking().AnyAsync(u => u.Id == id, ct))
            {
                return false; // the primary key: another request, here or on another instance, used it first
            }

            throw;
        }
        finally
        {
            used.State = EntityState.Detached;
        }
    }

    private static Payload? Read(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<Payload>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Mac(string signed) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed));

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private sealed record Payload(
        [property: System.Text.Json.Serialization.JsonPropertyName("t")] string? TenantKey,
        [property: System.Text.Json.Serialization.JsonPropertyName("k")] string? Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long Expires,
        [property: System.Text.Json.Serialization.JsonPropertyName("jti")] string? Id);
}
