using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Shared.Listing;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Data;
using SyncResource = ShopIngest.Modules.Sync.Resources.SyncResource;

namespace ShopIngest.Modules.Sync.Runs;

/// <summary>Where one resource of a tenant stands: its cursor and its latest run.</summary>
internal sealed record SyncResourceStatus(string Resource, DateTimeOffset? Cursor, SyncRun? LastRun);

/// <summary>
/// Reads the run history and checkpoints of the scope's tenant through EF Core (query filters and row-level security
/// both apply). Runs are written only by <see cref="SyncRunStore"/>, in the transactions of the pages they count.
/// </summary>
internal sealed class SyncRunQueries(SyncDbContext db, ITenantContext tenant)
{
    /// <summary>Names the one order runs are listed in, inside their cursors.</summary>
    private const string SortName = "RequestedAt";

    /// <summary>Newest first, keyset-paged on (requested_at, id), so a page never shifts when new runs arrive.</summary>
    public Task<Connection<SyncRun>> ListAsync(int first, string? after, bool includeTotalCount, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        return Keyset.PageAsync(
            db.Runs.AsNoTracking().Where(r => r.TenantId == tenantId), SortName, r => r.RequestedAt, r => r.Id,
            new PageRequest(first, after, Reverse: true, includeTotalCount), cancellationToken);
    }

    /// <summary>These runs, in the order asked, leaving out ids the tenant has no run with.</summary>
    public async Task<IReadOnlyList<SyncRun>> GetAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var runs = await db.Runs.AsNoTracking().Where(r => r.TenantId == tenantId && ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. ids.Select(id => runs.GetValueOrDefault(id)).OfType<SyncRun>()];
    }

    public async Task<IReadOnlyList<SyncResourceStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var cursors = await db.Checkpoints.AsNoTracking()
            .Where(c => c.TenantId == tenantId)
            .ToDictionaryAsync(c => c.Resource, c => c.Cursor, cancellationToken);

        // Each resource's latest run on its own (tenant_id, resource, requested_at) index, in one UNION ALL: the
        // history grows with every run, so it is never grouped as a whole.
        var names = SyncResource.All.Select(resource => resource.Name).ToList();
        var latest = await names
            .Select(name => db.Runs.AsNoTracking()
                .Where(r => r.TenantId == tenantId && r.Resource == name)
                .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
                .Take(1))
            .Aggregate(Queryable.Concat)
            .ToDictionaryAsync(r => r.Resource, cancellationToken);

        return [.. names.Select(name => new SyncResourceStatus(name, cursors.GetValueOrDefault(name), latest.GetValueOrDefault(name)))];
    }
}
