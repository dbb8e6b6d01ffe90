using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Users;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, ITenantContext tenant)
    : ModuleDbContext(options, tenant, Schema)
{
    public const string Schema = "identity";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();
}

internal sealed class IdentityDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<IdentityDbContext>(IdentityDbContext.Schema, (options, tenant) => new IdentityDbContext(options, tenant));
