using System.Net;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>
/// Shopify could not give us what a run needs; <see cref="Exception.Message"/> says why, in words a merchant reads, and
/// <see cref="Usage"/> what the failed request cost before it was given up (its attempts, points, waits).
/// </summary>
/// <remarks>
/// How each answer is classified follows https://shopify.dev/docs/api/usage/response-codes (HTTP statuses) and
/// https://shopify.dev/docs/api/admin-graphql#status-and-error-codes (GraphQL error codes).
/// </remarks>
internal abstract class ShopifyException(string message, ShopifyUsage usage, Exception? inner = null) : Exception(message, inner)
{
    public ShopifyUsage Usage { get; } = usage;
}

/// <summary>401: the token itself was refused. Retrying cannot help until the merchant replaces it.</summary>
internal sealed class ShopifyCredentialsRejectedException(ShopifyUsage usage)
    : ShopifyException("Shopify refused the access token (HTTP 401 Unauthorized); syncing stops until the shop's token is replaced.", usage);

/// <summary>
/// 403, or <c>ACCESS_DENIED</c> in a 200 answer: the token is valid but lacks a scope the query needs. Only what needed
/// that scope fails; <see cref="ShopifyMessage"/> is Shopify's own words, which name the scope when Shopify does.
/// </summary>
internal sealed class ShopifyAccessDeniedException(string shopifyMessage, string? requiredAccess, ShopifyUsage usage)
    : ShopifyException($"Shopify denied access: {shopifyMessage}", usage)
{
    public string ShopifyMessage { get; } = shopifyMessage;

    /// <summary>The scope Shopify says is required (<c>extensions.requiredAccess</c>), when it says.</summary>
    public string? RequiredAccess { get; } = requiredAccess;
}

/// <summary>402 (frozen), 423 (locked) or 404 (gone): Shopify will not serve this shop for now, whatever we ask.</summary>
internal sealed class ShopifyShopUnavailableException(HttpStatusCode status, ShopifyUsage usage)
    : ShopifyException(Explain(status), usage)
{
    public HttpStatusCode Status { get; } = status;

    private static string Explain(HttpStatusCode status) => (int)status switch
    {
        402 => "The shop is frozen: Shopify answered 402 Payment Required, as it does until the shop's owner pays the outstanding Shopify bill.",
        423 => "The shop is locked: Shopify answered 423 Locked, as it does while Shopify itself has locked the shop; the shop's owner must contact Shopify support.",
        _ => "The shop was not found: Shopify answered 404 Not Found, as it does for a shop that was closed or deleted, or whose domain is wrong.",
    };
}

/// <summary><c>MAX_COST_EXCEEDED</c>: the query asked for more than Shopify allows in one query; a smaller page fits.</summary>
internal sealed class ShopifyMaxCostExceededException(int requestedCost, ShopifyUsage usage)
    : ShopifyException($"Shopify refused a query costing {requestedCost} points, over its limit of {ShopifyAdminClient.MaxQueryCost} per query.", usage)
{
    public int RequestedCost { get; } = requestedCost;
}

/// <summary>5xx answers, 430, timeouts, resets or malformed JSON went on past the retry limit.</summary>
internal sealed class ShopifyUnavailableException(string lastProblem, ShopifyUsage usage, Exception? inner = null)
    : ShopifyException(
        $"Shopify did not answer properly after {usage.Requests} attempts (last: {lastProblem}); the checkpoint is kept and the next run resumes from it.",
        usage,
        inner);

/// <summary>Shopify answered but refused the query itself (bad request, an error in the answer): a bug or a setting to fix, not a blip.</summary>
internal sealed class ShopifyQueryException(string message, ShopifyUsage usage) : ShopifyException(message, usage);
