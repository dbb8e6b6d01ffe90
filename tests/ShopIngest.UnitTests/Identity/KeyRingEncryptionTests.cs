using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.KeyRing;

namespace ShopIngest.UnitTests.Identity;

/// <summary>A key of the Data Protection key ring, as it is stored: wrapped under the key-encryption key, and only that key unwraps it.</summary>
public sealed class KeyRingEncryptionTests
{
    private const string MasterKey = "c2VjcmV0LW1hc3Rlci1rZXktbWF0ZXJpYWwtMzItYnl0ZXM=";

    private static readonly XElement KeyDescriptor = new("descriptor", new XElement("masterKey", new XElement("value", MasterKey)));

    [Fact]
    public void A_wrapped_key_shows_nothing_of_the_key_and_unwraps_with_the_same_key_encryption_key()
    {
        var key = Key(new string('k', 40));

        var stored = new KeyRingXmlEncryptor(key).Encrypt(KeyDescriptor);

        Assert.DoesNotContain(MasterKey, stored.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", stored.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(typeof(KeyRingXmlDecryptor), stored.DecryptorType);
        var unwrapped = Decryptor(key).Decrypt(stored.EncryptedElement);
        Assert.Equal(KeyDescriptor.ToString(), unwrapped.ToString());
    }

    [Fact]
    public void Another_key_encryption_key_cannot_unwrap_it()
    {
        var stored = new KeyRingXmlEncryptor(Key(new string('k', 40))).Encrypt(KeyDescriptor);

        var refused = Assert.Throws<CryptographicException>(() => Decryptor(Key(new string('x', 40))).Decrypt(stored.EncryptedElement));

        Assert.Contains("another DataProtection:KeyEncryptionKey", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapped_key_that_was_altered_is_refused()
    {
        var key = Key(new string('k', 40));
        var stored = new KeyRingXmlEncryptor(key).Encrypt(KeyDescriptor).EncryptedElement;
        var value = stored.Element("value")!;
        var bytes = Convert.FromBase64String(value.Value);
        bytes[^1] ^= 1;
        value.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => Decryptor(key).Decrypt(stored));
    }

    [Fact]
    public void Without_its_own_key_a_host_derives_the_same_one_from_the_signing_key_as_a_host_given_that_secret()
    {
        var signingKey = new string('s', 40);

        var derived = KeyEncryptionKey.From(new KeyEncryptionOptions(), new AuthOptions { SigningKey = signingKey });
        var given = KeyEncryptionKey.From(new KeyEncryptionOptions { KeyEncryptionKey = signingKey }, new AuthOptions { SigningKey = "another signing key of 32 bytes or more" });

        Assert.Equal(given.Id, derived.Id);
    }

    private static KeyEncryptionKey Key(string secret) =>
        KeyEncryptionKey.From(new KeyEncryptionOptions { KeyEncryptionKey = secret }, new AuthOptions());

    private static KeyRingXmlDecryptor Decryptor(KeyEncryptionKey key) =>
        new(new ServiceCollection().AddSingleton(key).BuildServiceProvider());
}
