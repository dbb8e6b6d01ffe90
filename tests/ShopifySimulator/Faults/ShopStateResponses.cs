namespace ShopIngest.ShopifySimulator.Faults;

/// <summary>
/// The HTTP answers of the shop-state faults, with Shopify's non-GraphQL error body <c>{"errors":"…"}</c>. Statuses and
/// messages follow https://shopify.dev/docs/api/usage/response-codes; 404 reads like the answer for a shop that
/// does not exist, and 430 (which the reference names without a message) gets a sentence of the simulator's own.
/// </summary>
internal static class ShopStateResponses
{
    private static readonly Dictionary<FaultKind, (int Status, string Message)> Responses = new()
    {
        [FaultKind.PaymentRequired] = (402,
            "The requested shop is currently frozen. The shop owner needs to log in to the shop's admin and pay the outstanding balance to unfreeze the shop."),
        [FaultKind.Locked] = (423,
            "The requested shop is currently locked. Shops are locked if they repeatedly exceed their API request limit, or if there is an issue with the account, such as a detected compromise or fraud risk."),
        [FaultKind.NotFound] = (404, "Not Found"),
        [FaultKind.SecurityRejection] = (430, "Shopify Security Rejection: the request was rejected as potentially malicious."),
        [FaultKind.Forbidden] = (403,
            "The server is refusing to respond to the request. This status is generally returned if you haven't requested the appropriate scope for this action."),
    };

    /// <summary>Whether the fault is answered with an HTTP error before any query runs.</summary>
    public static bool TryGet(FaultKind kind, out int status, out string message)
    {
        var found = Responses.TryGetValue(kind, out var response);
        (status, message) = response;
        return found;
    }
}
