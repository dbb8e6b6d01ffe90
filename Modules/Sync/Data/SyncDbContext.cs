using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Backfill;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;
using ShopIngest.Modules.Sync.Webhooks.Inbox;

namespace ShopIngest.Modules.Sync.Data;

internal sealed class SyncDbContext(DbContextOptions<SyncDbContext> options, ITenantContext tenant)
    : ModuleDbContext(options, tenant, Schema)
{
    public const string Schema = "sync";

    public DbSet<SyncCheckpoint> Checkpoints => Set<SyncCheckpoint>();

    public DbSet<SyncRun> Runs => Set<SyncRun>();

    public DbSet<BackfillSlice> BackfillSlices => Set<BackfillSlice>();

    public DbSet<BulkExport> BulkExports => Set<BulkExport>();

    public DbSet<DeletionCheckpoint> DeletionCheckpoints => Set<DeletionCheckpoint>();

    public DbSet<ShopSchedule> ShopSchedules => Set<ShopSchedule>();

    public DbSet<WebhookDelivery> WebhookInbox => Set<WebhookDelivery>();
}

internal sealed class SyncDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<SyncDbContext>(SyncDbContext.Schema, (options, tenant) => new SyncDbContext(options, tenant));
