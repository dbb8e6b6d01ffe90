using Microsoft.Extensions.DependencyInjection;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.Resources;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>What Shopify deletes leaves the store: through its deletion events on every run, and through a reconciliation.</summary>
[Collection(AppHostTests.Name)]
public sealed class DeletionSyncTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Orders_and_products_deleted_in_the_shop_leave_the_store_on_the_next_run_through_Shopifys_deletion_events()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 15, customers: 30, orders: 120);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await engine.SyncAsync(tenant.Id);

        await tenant.Shop.ChangeAsync(new { delete = new { products = 2, orders = 4 } });
        await engine.SyncAsync(tenant.Id);

        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
        Assert.Equal(6L, await DeletedByRunsAsync(tenant.Id));
    }

    [Fact]
    public async Task A_reconciliation_removes_a_stored_record_Shopify_never_reported_deleted_and_only_when_asked_or_due()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 20, orders: 10);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await engine.SyncAsync(tenant.Id);
        // A customer the shop does not have (its delete was never seen): no event will ever name it.
        await using (var modules = await ModuleServices.CreateAsync(fixture))
        {
            await modules.IngestAsync(tenant.Id, tx => modules.Get<ICustomerIngest>().UpsertAsync(tx, [Customer(987_654_321)]));
        }

        await engine.SyncAsync(tenant.Id, default, SyncResource.Customers);
        var keptUntilAsked = (await SyncedData.RecordsAsync(fixture, tenant.Id, "customers")).Any(c => c.Id == 987_654_321);

        await engine.Services.GetRequiredService<DeletionSweep>().RequestReconciliationAsync(tenant.Id, [SyncResource.Customers], default);
        await engine.SyncAsync(tenant.Id, default, SyncResource.Customers);

        Assert.True(keptUntilAsked, "A run that was neither asked nor due to reconcile removed the stray customer.");
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "customers");
        Assert.Equal(1L, await DeletedByRunsAsync(tenant.Id));
    }

    [Fact]
    public async Task A_reconciliation_of_a_resource_above_the_bulk_threshold_lists_its_ids_through_one_bulk_export_instead_of_paging()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 600, orders: 10);
        var settings = new Dictionary<string, string?>
        {
            ["Sync:BulkThreshold"] = "100",
            ["Sync:BulkPollInitialDelay"] = "00:00:00.050",
            ["Sync:BulkPollMaxDelay"] = "00:00:00.200",
        };
        await using var engine = await SyncEngine.CreateAsync(fixture, settings);
        await engine.SyncAsync(tenant.Id);
        await using (var modules = await ModuleServices.CreateAsync(fixture))
        {
            await modules.IngestAsync(tenant.Id, tx => modules.Get<ICustomerIngest>().UpsertAsync(tx, [Customer(987_654_322)]));
        }

        var before = await tenant.Shop.StatsAsync();
        await engine.Services.GetRequiredService<DeletionSweep>().RequestReconciliationAsync(tenant.Id, [SyncResource.Customers], default);
        await engine.SyncAsync(tenant.Id, default, SyncResource.Customers);
        var after = await tenant.Shop.StatsAsync();

        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "customers");
        Assert.Equal(1L, await DeletedByRunsAsync(tenant.Id));
        Assert.True(after.GetProperty("bulkOperations").GetInt64() - before.GetProperty("bulkOperations").GetInt64() == 1,
            "the 600 customers' ids should have been listed by exactly one bulk export");
        // Paging 600 ids would take three pages; the export is one page (with the count) plus a start and its polls, and
        // the incremental run itself pages a little: far fewer points than a point a record.
        var points = after.GetProperty("pointsSpent").GetInt64() - before.GetProperty("pointsSpent").GetInt64();
        Assert.True(points < 600, $"the reconciliation spent {points} points, as much as paging every id");
    }

    private async Task<long> DeletedByRunsAsync(Guid tenantId)
    {
        await using var modules = await ModuleServices.CreateAsync(fixture);
        return (long)Assert.Single(Assert.Single(await modules.QueryAsTenantAsync(tenantId, "SELECT coalesce(sum(records_deleted), 0)::bigint FROM sync.runs")));
    }
}
