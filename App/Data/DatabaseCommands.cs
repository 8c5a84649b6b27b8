using Microsoft.EntityFrameworkCore;

namespace Diagrams.App.Data;

/// <summary>The explicit operator commands: <c>migrate</c> and <c>rotate-secrets</c>.</summary>
public static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiagramsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return 0;
    }

    /// <summary>
    /// Re-encrypts every stored secret under the current <c>Secrets:MasterKey</c>. Run with the new key as
    /// MasterKey and the old one in <c>Secrets:PreviousKeys:0</c>; afterwards the old key can be dropped.
    /// </summary>
    public static async Task<int> RotateSecretsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiagramsDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var rotated = 0;
        var tenants = await db.Tenants.Where(t => t.SharedSecretCipher != null).ToListAsync(ct);
        foreach (var tenant in tenants.Where(t => protector.NeedsRotation(t.SharedSecretCipher!)))
        {
            tenant.SharedSecretCipher = protector.Protect(protector.Unprotect(tenant.SharedSecretCipher!, tenant.ClientKey), tenant.ClientKey);
            rotated++;
        }

        await db.SaveChangesAsync(ct);
        Console.WriteLine($"Re-encrypted {rotated} of {tenants.Count} stored secret(s) under key id {protector.CurrentKeyId}.");
        return 0;
    }
}
