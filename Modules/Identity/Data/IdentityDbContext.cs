using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Users;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, ITenantContext tenant)
    : ModuleDbContext(options, tenant, Schema), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    public const string DataProtectionKeysTable = "data_protection_keys";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    /// <summary>Wrong passwords in a row per (email, client address): the sign-in delay, shared by every replica.</summary>
    public DbSet<LoginFailures> LoginFailures => Set<LoginFailures>();

    /// <summary>Data Protection's key ring, shared by every Host replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction with extra row-level security settings
    /// (e.g. the email a login looks for), inside the execution strategy so a transient failure retries it whole.
    /// </summary>
    public Task<T> InTransactionAsync<T>(IReadOnlyDictionary<string, string> settings, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            ChangeTracker.Clear();
            await using var transaction = await Database.BeginTransactionAsync(ct);
            foreach (var (name, value) in settings)
            {
                await Database.ExecuteSqlAsync($"SELECT set_config({name}, {value}, true)", ct);
            }

            var result = await work(ct);
            await SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
}

internal static class IdentitySettings
{
    /// <summary>Lets a login see the one user row with this normalized email.</summary>
    public const string LoginEmail = "app.login_email";

    /// <summary>Lets the tenant directory (sync scheduling, sign-up checks) see every tenant row.</summary>
    public const string TenantDirectory = "app.tenant_directory";

    public static Dictionary<string, string> ForTenant(Guid tenantId) => new() { [Shared.Tenancy.TenantSetting.Name] = tenantId.ToString() };
}

internal sealed class IdentityDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<IdentityDbContext>(IdentityDbContext.Schema, (options, tenant) => new IdentityDbContext(options, tenant));
