using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Data;

/// <summary>
/// AES-256-GCM for secrets at rest. The stored form is <c>v1.{keyId}.{base64(nonce|tag|ciphertext)}</c>;
/// the key id names the master key so a rotation can find rows still under an old key. The tenant's
/// clientKey is bound as associated data, so a ciphertext copied to another row does not decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _currentKey;
    private readonly Dictionary<string, byte[]> _keysById;

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        _currentKey = DecodeKey(options.Value.MasterKey, "Secrets:MasterKey");
        CurrentKeyId = KeyIdOf(_currentKey);
        _keysById = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [CurrentKeyId] = _currentKey };
        foreach (var previous in options.Value.PreviousKeys)
        {
            var key = DecodeKey(previous, "Secrets:PreviousKeys");
            _keysById.TryAdd(KeyIdOf(key), key);
        }
    }

    public string CurrentKeyId { get; }

    /// <summary>A key for another purpose (HKDF-SHA256 of the master key under <paramref name="purpose"/>): never the key that encrypts secrets.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _currentKey, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    public string Protect(string plaintext, string clientKey)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_currentKey, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Aad(clientKey));
        return $"{Version}.{CurrentKeyId}.{Convert.ToBase64String(blob)}";
    }

    public string Unprotect(string stored, string clientKey)
    {
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("Stored secret has an unknown format.");
        }

        if (!_keysById.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"Stored secret is encrypted under key id {parts[1]}, which is not configured (Secrets:MasterKey / Secrets:PreviousKeys).");
        }

        var blob = Convert.FromBase64String(parts[2]);
        if (blob.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Stored secret is truncated.");
        }

        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, Aad(clientKey));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>True when the stored value is under an older key and should be re-encrypted.</summary>
    public bool NeedsRotation(string stored) => KeyIdOfStored(stored) != CurrentKeyId;

    public static string KeyIdOfStored(string stored)
    {
        var parts = stored.Split('.');
        return parts.Length == 3 ? parts[1] : string.Empty;
    }

    public static string KeyIdOf(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "diagrams-master-key:"u8, .. key]))[..12];

    private static byte[] Aad(string clientKey) => Encoding.UTF8.GetBytes("tenant-secret:" + clientKey);

    private static byte[] DecodeKey(string? base64, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not valid base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be base64 of exactly 32 bytes (it decodes to {key.Length}).");
    }
}
