using System.Security.Cryptography;
using Diagrams.App.Data;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Data;

/// <summary>Tenant secrets at rest: AES-256-GCM under a key id, never plaintext, rotatable.</summary>
public sealed class SecretStorageTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new SecretsOptions { MasterKey = key, PreviousKeys = [.. previous] }));

    [Fact]
    public void Protect_ThenUnprotect_RoundTripsAndNamesTheKey()
    {
        var protector = Protector(NewKey());

        var stored = protector.Protect("s3cret-value", "client-1");

        stored.ShouldStartWith($"v1.{protector.CurrentKeyId}.");
        stored.ShouldNotContain("s3cret-value");
        protector.Unprotect(stored, "client-1").ShouldBe("s3cret-value");
        protector.Protect("s3cret-value", "client-1").ShouldNotBe(stored); // fresh nonce each time
    }

    [Fact]
    public void Unprotect_UnderAnotherTenant_Fails()
    {
        var protector = Protector(NewKey());
        var stored = protector.Protect("s3cret-value", "client-1");

        Should.Throw<CryptographicException>(() => protector.Unprotect(stored, "client-2"));
    }

    [Fact]
    public void Unprotect_WithUnknownKeyId_FailsNamingTheSetting()
    {
        var stored = Protector(NewKey()).Protect("s3cret-value", "client-1");

        Should.Throw<CryptographicException>(() => Protector(NewKey()).Unprotect(stored, "client-1")).Message.ShouldContain("Secrets:PreviousKeys");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Constructor_BadMasterKey_Fails(string key) =>
        Should.Throw<InvalidOperationException>(() => Protector(key)).Message.ShouldContain("Secrets:MasterKey");

    [Fact]
    public async Task Database_NeverHoldsThePlaintextSecret()
    {
        await using var system = await TestSystem.StartAsync();
        var site = await system.Sim.InstallTenantAsync();
        (await system.Sim.ReinstallAsync(site)).ShouldBe(204);
        var secret = await SharedSecretAsync(system, site);

        var everything = await system.Database.AllTextAsync();

        everything.ShouldNotBeEmpty();
        everything.ShouldAllBe(row => !row.Contains(secret, StringComparison.Ordinal));
        (await system.Database.ScalarAsync<string>("SELECT shared_secret_cipher FROM tenants"))!.ShouldStartWith("v1.");
    }

    [Fact]
    public async Task RotateSecrets_ReencryptsUnderNewKey_AndTokensStillVerify()
    {
        await using var system = await TestSystem.StartAsync();
        var site = await system.Sim.InstallTenantAsync();
        var oldCipher = await system.Database.ScalarAsync<string>("SELECT shared_secret_cipher FROM tenants");
        var newKey = NewKey();

        await using (var rotator = Program.Build(system.AppArgs($"--Secrets:MasterKey={newKey}", $"--Secrets:PreviousKeys:0={system.MasterKey}")))
        {
            (await DatabaseCommands.RotateSecretsAsync(rotator.Services)).ShouldBe(0);
        }

        var newCipher = await system.Database.ScalarAsync<string>("SELECT shared_secret_cipher FROM tenants");
        SecretProtector.KeyIdOfStored(newCipher!).ShouldBe(Protector(newKey).CurrentKeyId);
        newCipher.ShouldNotBe(oldCipher);
        await using var rotated = await system.StartAppAsync(TestSystem.FreePort(), $"--Secrets:MasterKey={newKey}");
        using var response = await rotated.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", await system.Sim.ContextTokenAsync(site));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    /// <summary>The secret as HostSim holds it, recovered by decrypting the row with the test's own master key.</summary>
    private static async Task<string> SharedSecretAsync(TestSystem system, Site site)
    {
        var cipher = await system.Database.ScalarAsync<string>($"SELECT shared_secret_cipher FROM tenants WHERE client_key = '{site.ClientKey}'");
        var secret = Protector(system.MasterKey).Unprotect(cipher!, site.ClientKey);
        secret.Length.ShouldBeGreaterThan(32);
        return secret;
    }
}
