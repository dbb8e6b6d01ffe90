using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Host.Security;

/// <summary>Section <c>Https</c>.</summary>
internal sealed class HttpsSettings
{
    public const string Section = "Https";

    /// <summary>
    /// The Host is reached over HTTPS, directly or through a proxy that terminates TLS and says so in
    /// <c>X-Forwarded-Proto</c> (see <see cref="ForwardedHeadersSettings"/>): plain HTTP is redirected to HTTPS and HTTPS
    /// answers carry HSTS. Health probes (<c>/health</c>, <c>/alive</c>) are answered over HTTP as well.
    /// </summary>
    public bool Enforce { get; set; }

    /// <summary>The port HTTPS is served on, as clients see it.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 443;

    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
