using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>The client address sign-in limits are kept by.</summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext? http) => Of(http?.Connection.RemoteIpAddress);

    /// <summary>
    /// An IPv4 address as is (also when it arrives IPv4-mapped); an IPv6 address by its /64 network, since
    /// one subscriber usually holds a whole /64 and could otherwise take a fresh address for every guess.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
