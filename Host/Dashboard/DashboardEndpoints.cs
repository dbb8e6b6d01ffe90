using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace ShopIngest.Host.Dashboard;

/// <summary>
/// The merchant dashboard: the page that ClientApp builds into wwwroot, served at <c>/</c>. It talks only
/// to <c>/graphql</c>. Vite names every file under <c>/assets/</c> after a hash of its content, so those
/// are cached for a year; everything else (index.html, the icon) is revalidated on every visit so a
/// new deployment shows at once. The files go out compressed (Brotli or gzip) to browsers that accept it.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Nothing inline, nothing from elsewhere: scripts, styles and requests come from this origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string RevalidateCacheControl = "no-cache";

    private static readonly PathString HashedAssets = "/assets";

    /// <summary>
    /// The dashboard's own file types only: API answers are not compressed, since they may carry secrets next to
    /// what a caller sent (BREACH), and the page's files hold neither.
    /// </summary>
    private static readonly string[] CompressedTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Safe over HTTPS for these files: nothing secret in them (see CompressedTypes).
            options.EnableForHttps = true;
            options.MimeTypes = CompressedTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return builder;
    }

    /// <summary>
    /// Serves the dashboard's files. Requests that routing matched to an endpoint (<c>/graphql</c>,
    /// <c>/health</c>, <c>/alive</c>, <c>/api/*</c>) never reach the files.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static context => SetHeaders(context.Context, context.File.Name),
        });
        return app;
    }

    private static void SetHeaders(HttpContext context, string fileName)
    {
        var headers = context.Response.Headers;
        headers[HeaderNames.CacheControl] = context.Request.Path.StartsWithSegments(HashedAssets)
            ? ImmutableCacheControl
            : RevalidateCacheControl;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        }
    }
}
