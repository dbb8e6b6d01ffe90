using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ShopIngest.Host.Security;

/// <summary>
/// What every request goes through before the modules see it: the client address and scheme as the known proxies
/// report them, HTTPS when it is enforced, no exception details outside Development, and the body size limit.
/// </summary>
internal static class HttpSecurity
{
    private static readonly PathString[] Probes = ["/health", "/alive"];

    public static WebApplicationBuilder AddHttpSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpsSettings>().BindConfiguration(HttpsSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = settings.Value.ForwardLimit;
            // Only the proxies configured: the framework's default also believes any local process.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.ProxyAddresses)
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in settings.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsSettings>>((redirection, settings) => redirection.HttpsPort = settings.Value.Port);
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsSettings>>((hsts, settings) => hsts.MaxAge = settings.Value.HstsMaxAge);
        return builder;
    }

    public static WebApplication UseHttpSecurity(this WebApplication app)
    {
        // With no proxy configured the headers are left alone: the middleware would believe them from anyone.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // A problem body without the exception: its text is for the logs, not for whoever caused it.
            app.UseExceptionHandler();
        }

        // An answer the framework gives without a body (a body it could not read, a path it does not know) gets a problem body.
        app.UseStatusCodePages();

        if (app.Services.GetRequiredService<IOptions<HttpsSettings>>().Value.Enforce)
        {
            app.UseHsts();
            // Load balancers and orchestrators probe over plain HTTP.
            app.UseWhen(context => !Probes.Any(probe => context.Request.Path.StartsWithSegments(probe)), https => https.UseHttpsRedirection());
        }

        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }
}
