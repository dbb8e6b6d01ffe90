using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync.Checkpoints;

namespace ShopIngest.Modules.Sync.Data;

internal sealed class SyncDbContext(DbContextOptions<SyncDbContext> options) : DbContext(options)
{
    public const string Schema = "sync";

    public DbSet<SyncCheckpoint> Checkpoints => Set<SyncCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SyncDbContext).Assembly);
    }
}

internal sealed class SyncDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<SyncDbContext>(SyncDbContext.Schema, options => new SyncDbContext(options));
