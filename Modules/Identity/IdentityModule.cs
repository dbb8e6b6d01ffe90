using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Identity.GraphQL;
using ShopIngest.Modules.Identity.KeyRing;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Tenants.CreateTenant;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;

namespace ShopIngest.Modules.Identity;

/// <summary>Tenants (Shopify shops), their users, sign-in, and which tenant a request belongs to.</summary>
public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Data Protection only ever adds keys: the role the Host runs as can then neither swap the keys nor destroy the
        // ones the stored Shopify tokens need.
        builder.AddModuleDbContext<IdentityDbContext>(IdentityDbContext.Schema, IdentityDbContext.DataProtectionKeysTable);

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LoginRateLimitOptions>().BindConfiguration(LoginRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);

        services.AddDataProtection().SetApplicationName("ShopIngest").PersistKeysToDbContext<IdentityDbContext>();
        services.AddKeyRingEncryption();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = TokenIssuer.ValidationParameters(auth.Value);
            jwt.Events = new JwtBearerEvents { OnTokenValidated = SecurityStamps.ValidateAsync, OnChallenge = WriteUnauthenticatedProblemAsync };
        });
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);

        services.AddMemoryCache();
        services.AddSingleton<LoginRateLimiter>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<ShopSecretProtector>();
        services.AddSingleton<WebhookShopChanges>();
        services.AddScoped<LoginThrottle>();
        services.AddScoped<LoginService>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<TenantRegistration>();
        services.AddScoped<TenantDirectory>();
        services.AddScoped<ITenantDirectory>(provider => provider.GetRequiredService<TenantDirectory>());
        services.AddGraphQLContribution<IdentityGraphQL>();
        services.AddHostedService<DemoTenantSeeder>();
        return builder;
    }

    /// <summary>Authentication first, then the tenant of the request, then authorization; and <c>/api/auth</c>.</summary>
    public static WebApplication MapIdentityModule(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TenantContextMiddleware>();
        app.UseAuthorization();
        app.MapAuthEndpoints();
        return app;
    }

    /// <summary>
    /// Runs an Identity command (<c>create-tenant …</c>) when <paramref name="args"/> names one, returning its
    /// exit code; null when the arguments are not an Identity command.
    /// </summary>
    public static async Task<int?> RunIdentityCommandAsync(this WebApplication app, string[] args)
    {
        if (!IsIdentityCommand(args))
        {
            return null;
        }

        // A command writes to the key ring as the server does: with the same key, or not at all.
        try
        {
            KeyRingEncryption.EnsureConfiguredBeforeServing(app.Services);
        }
        catch (OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync(invalid.Message);
            return 1;
        }

        return await CreateTenantCommand.RunAsync(app.Services, args, Console.Out, Console.Error, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Whether the process was started to run an Identity command rather than to serve.</summary>
    public static bool IsIdentityCommand(string[] args) => args.Length > 0 && args[0] == CreateTenantCommand.Name;

    private static async Task WriteUnauthenticatedProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await CodedProblem.Create(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated,
                "Sign in first: this endpoint needs a valid bearer token.")
            .ExecuteAsync(context.HttpContext);
    }
}
