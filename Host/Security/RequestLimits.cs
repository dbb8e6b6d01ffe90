using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Host.Security;

/// <summary>Section <c>Requests</c>.</summary>
internal sealed class RequestLimits
{
    public const string Section = "Requests";

    /// <summary>
    /// The largest request body any endpoint reads; beyond it the answer is 413 <c>REQUEST_TOO_LARGE</c>, decided before
    /// the body is parsed. No legitimate request comes near: the largest, a GraphQL document, is a few kilobytes.
    /// </summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
