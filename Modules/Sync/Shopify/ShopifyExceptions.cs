using System.Net;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>
/// Shopify could not give us what a run needs; <see cref="Exception.Message"/> says why, in words a merchant reads, and
/// <see cref="Usage"/> what the failed request cost before it was given up (its attempts, points, waits).
/// </summary>
internal abstract class ShopifyException(string message, ShopifyUsage usage, Exception? inner = null) : Exception(message, inner)
{
    public ShopifyUsage Usage { get; } = usage;
}

/// <summary>401 or 403: the token was refused. Retrying cannot help until the merchant replaces it.</summary>
internal sealed class ShopifyAccessDeniedException(HttpStatusCode status, ShopifyUsage usage)
    : ShopifyException($"Shopify refused the access token (HTTP {(int)status} {status}); syncing stops until the shop's token is replaced.", usage)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>5xx answers, timeouts, resets or malformed JSON went on past the retry limit.</summary>
internal sealed class ShopifyUnavailableException(string lastProblem, ShopifyUsage usage, Exception? inner = null)
    : ShopifyException(
        $"Shopify did not answer properly after {usage.Requests} attempts (last: {lastProblem}); the checkpoint is kept and the next run resumes from it.",
        usage,
        inner);

/// <summary>Shopify answered but refused the query itself (bad request, unknown shop, cost limit): a bug or a setting to fix, not a blip.</summary>
internal sealed class ShopifyQueryException(string message, ShopifyUsage usage) : ShopifyException(message, usage);
