using System.Net;
using ShopIngest.Modules.Identity.Authentication;

namespace ShopIngest.UnitTests.Identity;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void Sign_in_limits_are_kept_per_IPv4_address_and_per_IPv6_slash_64(string address, string key) =>
        Assert.Equal(key, ClientAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void Addresses_of_one_IPv6_subscriber_share_a_key_and_other_networks_do_not()
    {
        var first = ClientAddress.Of(IPAddress.Parse("2001:db8:1:2::1"));

        Assert.True(first == ClientAddress.Of(IPAddress.Parse("2001:db8:1:2:ffff::9")), "Two addresses in one /64 got different keys: a new address per guess would escape the wait.");
        Assert.True(first != ClientAddress.Of(IPAddress.Parse("2001:db8:1:3::1")), "Two /64 networks got one key: one subscriber's guesses would slow another down.");
    }

    [Fact]
    public void A_request_without_an_address_is_kept_as_unknown() =>
        Assert.Equal(ClientAddress.Unknown, ClientAddress.Of((IPAddress?)null));
}
