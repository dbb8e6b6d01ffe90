using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Tenants.CreateTenant;

internal abstract record RegistrationResult
{
    public sealed record Created(Guid TenantId, Guid UserId) : RegistrationResult;

    public sealed record Rejected(string Problem) : RegistrationResult;
}

/// <summary>Registers a shop and its first user in one transaction: both exist, or neither.</summary>
internal sealed partial class TenantRegistration(
    IdentityDbContext db,
    ShopSecretProtector secrets,
    IConfiguration configuration,
    TimeProvider clock,
    IEnumerable<IShopRegistrationListener> listeners,
    ILogger<TenantRegistration> logger)
{
    /// <summary>
    /// Real shops are <c>name.myshopify.com</c>; only a deployment that says so (one against the simulator) accepts other
    /// host names, and never an IP address or a single-label name.
    /// </summary>
    private bool AllowAnyShopHost => configuration.GetValue<bool>("Shopify:AllowAnyShopHost");

    public async Task<RegistrationResult> RegisterAsync(NewTenant request, CancellationToken cancellationToken)
    {
        if (request.Problem(AllowAnyShopHost, out var shopDomain) is { } problem)
        {
            return new RegistrationResult.Rejected(problem);
        }

        var now = clock.GetUtcNow();
        var tenant = new Tenant
        {
            Id = Guid.CreateVersion7(),
            ShopDomain = shopDomain,
            Name = string.IsNullOrWhiteSpace(request.Name) ? shopDomain : request.Name.Trim(),
            ProtectedAccessToken = secrets.ProtectAccessToken(request.AccessToken.Trim()),
            ProtectedWebhookSecret = request.WebhookSecret is { } webhookSecret ? secrets.ProtectWebhookSecret(webhookSecret.Trim()) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            Email = request.Email.Trim(),
            NormalizedEmail = User.Normalize(request.Email),
            PasswordHash = Passwords.Hash(request.Password),
            SecurityStamp = Guid.NewGuid(),
            CreatedAt = now,
        };

        try
        {
            await db.InTransactionAsync(IdentitySettings.ForTenant(tenant.Id), _ =>
            {
                db.Tenants.Add(tenant);
                db.Users.Add(user);
                return Task.FromResult(true);
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            return new RegistrationResult.Rejected(unique.ConstraintName?.Contains("email", StringComparison.Ordinal) == true
                ? $"A user with email {user.Email} already exists."
                : $"The shop {shopDomain} is already registered.");
        }

        foreach (var listener in listeners)
        {
            try
            {
                await listener.ShopRegisteredAsync(tenant.Id, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The shop is registered; what a listener prepares for it can be asked for again later.
                LogListenerFailed(logger, failure, listener.GetType().Name, tenant.Id);
            }
        }

        return new RegistrationResult.Created(tenant.Id, user.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} failed for the newly registered tenant {TenantId}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, Guid tenantId);
}
