using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.Tenancy;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

[Collection(AppHostTests.Name)]
public sealed class TenantIsolationTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private static readonly string[] TenantTables =
    [
        "catalog.products", "catalog.product_variants", "sales.customers", "sales.orders", "sales.order_line_items",
        "sales.daily_sales", "sales.tenant_totals",
    ];


    private async Task FillAsync(Guid tenant, long firstId)
    {
        await Modules.IngestAsync(tenant, tx => Modules.Get<IProductIngest>().UpsertAsync(tx, [Product(firstId, variants: [Variant(firstId * 10)])]));
        await Modules.IngestAsync(tenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [Customer(firstId)]));
        await Modules.IngestAsync(tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, [Order(firstId, lineItems: [LineItem(firstId * 10)])], "UTC"));
    }

    [Fact]
    public async Task With_one_tenant_set_no_table_shows_another_tenant_s_rows()
    {
        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        await FillAsync(tenantA, 1);
        // The same Shopify ids in another shop are other rows.
        await FillAsync(tenantB, 1);
        await FillAsync(tenantB, 2);

        foreach (var table in TenantTables)
        {
            var tenantsSeenByA = await Modules.QueryAsTenantAsync(tenantA, $"SELECT DISTINCT tenant_id FROM {table}");
            Assert.Equal([[tenantA]], tenantsSeenByA);
        }

        Assert.Equal([[2L]], await Modules.QueryAsTenantAsync(tenantB, "SELECT count(*) FROM sales.orders"));
    }

    [Fact]
    public async Task Without_a_tenant_set_the_runtime_role_sees_no_rows()
    {
        await FillAsync(Guid.NewGuid(), 1);

        await using var connection = await Modules.RuntimeDataSource.OpenConnectionAsync();
        foreach (var table in TenantTables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task An_ingest_whose_transaction_is_bound_to_another_tenant_is_refused()
    {
        var boundTenant = Guid.NewGuid();
        await using var connection = await Modules.RuntimeDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(boundTenant);
        var mislabelled = new IngestTransaction(connection, transaction, Guid.NewGuid());

        var refusal = await Assert.ThrowsAsync<PostgresException>(() =>
            Modules.Get<ICustomerIngest>().UpsertAsync(mislabelled, [Customer(1)]));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }
}
