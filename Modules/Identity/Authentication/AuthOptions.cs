using System.ComponentModel.DataAnnotations;
using System.Text;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>How ShopIngest issues and checks its bearer tokens (section <c>Auth</c>).</summary>
internal sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>HS256 key; at least 32 bytes. The app host generates one.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required: a secret of at least 32 bytes that signs ShopIngest's tokens.")]
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "shopingest";

    public string Audience { get; set; } = "shopingest";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a replica trusts what it last read of a user's security stamp: a changed password, a disabled user or a
    /// removed shop ends the user's tokens on every replica within this time (at once on the replica that made the change).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SecurityStampCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey.Length > 0 && SigningKeyBytes.Length < 32)
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 bytes long.", [nameof(SigningKey)]);
        }
    }
}
