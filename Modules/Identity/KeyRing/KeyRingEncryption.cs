using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Authentication;

namespace ShopIngest.Modules.Identity.KeyRing;

/// <summary>The key that encrypts Data Protection's key ring (section <c>DataProtection</c>).</summary>
internal sealed class KeyEncryptionOptions : IValidatableObject
{
    public const string Section = "DataProtection";

    /// <summary>The instance checked before the Host serves or runs a command: outside Development the key must be given.</summary>
    public const string BeforeServing = "BeforeServing";

    public const string Missing =
        "DataProtection:KeyEncryptionKey is required outside Development: a secret of at least 32 bytes, kept outside the database " +
        "(a secret store, an environment variable), that encrypts the keys which encrypt the shops' Shopify tokens.";

    /// <summary>
    /// A secret of at least 32 bytes. When a host leaves it out (Development, the tests' in-process hosts), one is derived
    /// from <c>Auth:SigningKey</c>, which is kept outside the database too; a Production Host needs its own, so that
    /// replacing the signing key never leaves the key ring unreadable.
    /// </summary>
    public string KeyEncryptionKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyEncryptionKey.Length > 0 && Encoding.UTF8.GetByteCount(KeyEncryptionKey) < 32)
        {
            yield return new ValidationResult("DataProtection:KeyEncryptionKey must be at least 32 bytes long.", [nameof(KeyEncryptionKey)]);
        }
    }
}

/// <summary>
/// The AES-256 key that wraps every key of the key ring before it is stored, so that a copy of the database alone
/// decrypts none of the Shopify tokens stored in it.
/// </summary>
internal sealed class KeyEncryptionKey
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("ShopIngest.DataProtection.KeyEncryptionKey.v1");

    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key)
    {
        _key = key;
        // Stored next to each wrapped key, so that a Host given another key says so instead of failing obscurely.
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string Id { get; }

    public static KeyEncryptionKey From(KeyEncryptionOptions options, AuthOptions auth)
    {
        var secret = options.KeyEncryptionKey.Length > 0 ? options.KeyEncryptionKey : auth.SigningKey;
        if (secret.Length == 0)
        {
            throw new InvalidOperationException(KeyEncryptionOptions.Missing);
        }

        return new KeyEncryptionKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Purpose));
    }

    /// <summary>Nonce, tag and ciphertext, in that order.</summary>
    public byte[] Encrypt(byte[] plaintext)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return sealedBytes;
    }

    public byte[] Decrypt(byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("A wrapped key of the key ring is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
        return plaintext;
    }
}

internal sealed class KeyRingXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement("wrappedKey",
            new XComment(" AES-256-GCM under DataProtection:KeyEncryptionKey, which is kept outside the database. "),
            new XAttribute("keyEncryptionKeyId", key.Id),
            new XElement("value", Convert.ToBase64String(key.Encrypt(plaintext))));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>Created by Data Protection from the type named in the stored key, with the application's services.</summary>
internal sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyEncryptionKey>();
        if ((string?)encryptedElement.Attribute("keyEncryptionKeyId") != key.Id)
        {
            throw new CryptographicException("This key of the key ring was encrypted with another DataProtection:KeyEncryptionKey than this Host's.");
        }

        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        return XElement.Parse(Encoding.UTF8.GetString(key.Decrypt(sealedBytes)));
    }
}

internal static class KeyRingEncryption
{
    public static IServiceCollection AddKeyRingEncryption(this IServiceCollection services)
    {
        // Read wherever the key ring is used, also by hosts that never start (the tests' in-process modules).
        services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.Section).ValidateDataAnnotations();
        services.AddOptions<KeyEncryptionOptions>(KeyEncryptionOptions.BeforeServing)
            .BindConfiguration(KeyEncryptionOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IHostEnvironment>((options, environment) => environment.IsDevelopment() || options.KeyEncryptionKey.Length > 0, KeyEncryptionOptions.Missing)
            .ValidateOnStart();

        services.AddSingleton(provider => KeyEncryptionKey.From(
            provider.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value, provider.GetRequiredService<IOptions<AuthOptions>>().Value));
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, provider) =>
            keys.XmlEncryptor = new KeyRingXmlEncryptor(provider.GetRequiredService<KeyEncryptionKey>()));
        return services;
    }

    /// <summary>Throws, saying what to set, when a host that is about to serve or run a command lacks the key.</summary>
    public static void EnsureConfiguredBeforeServing(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<KeyEncryptionOptions>>().Get(KeyEncryptionOptions.BeforeServing);
}
