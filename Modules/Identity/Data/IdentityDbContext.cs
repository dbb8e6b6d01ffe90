using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Users;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public const string Schema = "identity";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}

internal sealed class IdentityDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<IdentityDbContext>(IdentityDbContext.Schema, options => new IdentityDbContext(options));
