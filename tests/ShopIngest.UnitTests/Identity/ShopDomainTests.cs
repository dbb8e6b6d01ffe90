using ShopIngest.Modules.Identity.Tenants;

namespace ShopIngest.UnitTests.Identity;

/// <summary>
/// The domain a shop is registered under is the host its access token is sent to: a real deployment takes only
/// myshopify domains, and one against the simulator (Shopify:AllowAnyShopHost) other host names, never an address or a
/// single-label name.
/// </summary>
public sealed class ShopDomainTests
{
    [Theory]
    [InlineData("acme.myshopify.com", "acme.myshopify.com")]
    [InlineData("  https://Acme-Store.myshopify.com/ ", "acme-store.myshopify.com")]
    public void A_myshopify_domain_is_accepted_and_normalized(string input, string expected)
    {
        Assert.True(ShopDomain.TryNormalize(input, allowAnyHost: false, out var domain), $"'{input}' was refused");
        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData("shop.example.test")]
    [InlineData("demo-shop.internal.example")]
    public void Another_host_name_is_accepted_only_where_any_shop_host_is_allowed(string input)
    {
        Assert.False(ShopDomain.TryNormalize(input, allowAnyHost: false, out _), $"'{input}' was accepted without Shopify:AllowAnyShopHost");
        Assert.True(ShopDomain.TryNormalize(input, allowAnyHost: true, out _), $"'{input}' was refused with Shopify:AllowAnyShopHost");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.5")]
    [InlineData("localhost")]
    [InlineData("metadata")]
    [InlineData("[::1]")]
    public void An_ip_address_or_single_label_name_is_refused_even_where_any_shop_host_is_allowed(string input)
    {
        Assert.False(ShopDomain.TryNormalize(input, allowAnyHost: true, out _), $"'{input}' was accepted as a shop host");
    }
}
