using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>Attempts allowed per minute (section <c>Identity:LoginRateLimit</c>).</summary>
internal sealed class LoginRateLimitOptions
{
    public const string Section = "Identity:LoginRateLimit";

    [Range(1, 100_000)]
    public int PerAddressPerMinute { get; set; } = 60;
}
