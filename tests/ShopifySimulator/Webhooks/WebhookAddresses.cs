using System.Net;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// Which addresses a subscription may deliver to. Shopify takes an HTTPS URL, a Google Pub/Sub URI or an EventBridge ARN
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/input-objects/WebhookSubscriptionInput, <c>uri</c>) and refuses
/// plain http and its own or internal domains. The simulator delivers over HTTP only, so it refuses Pub/Sub and ARNs, and
/// it departs from Shopify in one point: plain http to a loopback address (localhost, 127.0.0.0/8, ::1) is accepted,
/// since the apps it tests listen there.
/// </summary>
internal static class WebhookAddresses
{
    public static bool IsDeliverable(string address) => Problem(address) is null;

    /// <summary>What Shopify would answer about the address as a userError message; null when it is deliverable.</summary>
    public static string? Problem(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "Address can't be blank";
        }

        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (string.IsNullOrEmpty(uri.Host) && uri.Scheme is "http" or "https"))
        {
            return address.Contains("://", StringComparison.Ordinal) ? $"Address protocol {Scheme(address)}:// is not supported" : "Address is invalid";
        }

        return uri.Scheme switch
        {
            "https" => uri.Host.EndsWith("shopify.com", StringComparison.OrdinalIgnoreCase)
                || uri.Host.EndsWith("myshopify.com", StringComparison.OrdinalIgnoreCase)
                    ? "Address cannot be a Shopify or an internal domain"
                    : null,
            "http" when IsLoopback(uri) => null,
            _ => $"Address protocol {uri.Scheme}:// is not supported",
        };
    }

    /// <summary>Pub/Sub and EventBridge addresses: valid on Shopify, not deliverable by the simulator.</summary>
    public static bool IsCloudDestination(string? address) =>
        address is not null && (address.StartsWith("pubsub://", StringComparison.OrdinalIgnoreCase)
            || address.StartsWith("arn:aws:events:", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Scheme(string address) => address[..address.IndexOf("://", StringComparison.Ordinal)].ToLowerInvariant();
}
