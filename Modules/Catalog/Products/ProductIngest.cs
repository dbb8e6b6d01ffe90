using System.Text.Json;
using NpgsqlTypes;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Catalog.Products;

/// <summary>
/// One round trip per page: the products as columns of arrays, upserted where not older than the stored row,
/// and the variants of every applied product replaced by the incoming set. Deletes leave a tombstone.
/// </summary>
internal sealed class ProductIngest : IProductIngest
{
    // A delete and an upsert of the same product in two transactions take turns, so the upsert's next statement sees
    // the tombstone (a fresh snapshot under READ COMMITTED) instead of inserting the row again after the delete.
    private const string LockTenantSql = "SELECT pg_advisory_xact_lock(hashtextextended('catalog.products:' || @tenant_id::text, 0))";

    // Tags travel as one JSON array per product: a text[][] parameter would be flattened by unnest.
    private const string UpsertSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @titles, @handles, @statuses, @vendors, @product_types, @tags, @created_at, @updated_at)
                AS t(shopify_id, title, handle, status, vendor, product_type, tags, created_at, updated_at)
            WHERE NOT EXISTS (SELECT FROM catalog.tombstones d WHERE d.tenant_id = @tenant_id AND d.shopify_id = t.shopify_id)
        ),
        applied AS (
            INSERT INTO catalog.products AS p
                (tenant_id, shopify_id, title, handle, status, vendor, product_type, tags, created_at, updated_at, synced_at)
            SELECT @tenant_id, i.shopify_id, i.title, i.handle, i.status, i.vendor, i.product_type,
                   ARRAY(SELECT jsonb_array_elements_text(i.tags)), i.created_at, i.updated_at, now()
            FROM incoming i
            ON CONFLICT (tenant_id, shopify_id) DO UPDATE SET
                title = EXCLUDED.title, handle = EXCLUDED.handle, status = EXCLUDED.status, vendor = EXCLUDED.vendor,
                product_type = EXCLUDED.product_type, tags = EXCLUDED.tags, created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at
            WHERE p.updated_at <= EXCLUDED.updated_at
            RETURNING p.shopify_id
        ),
        incoming_variants AS (
            SELECT v.* FROM unnest(@variant_ids, @variant_product_ids, @variant_titles, @variant_skus, @variant_prices,
                                   @variant_compare_at_prices, @variant_inventory_quantities)
                AS v(shopify_id, product_shopify_id, title, sku, price, compare_at_price, inventory_quantity)
            WHERE v.product_shopify_id IN (SELECT shopify_id FROM applied)
        ),
        variants_written AS (
            INSERT INTO catalog.product_variants AS pv
                (tenant_id, shopify_id, product_shopify_id, title, sku, price, compare_at_price, inventory_quantity)
            SELECT @tenant_id, v.* FROM incoming_variants v
            ON CONFLICT (tenant_id, shopify_id) DO UPDATE SET
                product_shopify_id = EXCLUDED.product_shopify_id, title = EXCLUDED.title, sku = EXCLUDED.sku,
                price = EXCLUDED.price, compare_at_price = EXCLUDED.compare_at_price,
                inventory_quantity = EXCLUDED.inventory_quantity
        ),
        -- By key (= ANY(array)) rather than a join: with a growing tenant's stale statistics, a join scans all its variants.
        -- Disjoint from variants_written (ids not in the page), as one statement may touch a row only once.
        variants_removed AS (
            DELETE FROM catalog.product_variants pv
            WHERE pv.tenant_id = @tenant_id AND pv.product_shopify_id = ANY(ARRAY(SELECT shopify_id FROM applied))
              AND pv.shopify_id <> ALL(@variant_ids)
        )
        SELECT count(*)::int AS applied FROM applied
        """;

    private const string DeleteSql = """
        WITH tombstoned AS (
            INSERT INTO catalog.tombstones (tenant_id, shopify_id, deleted_at)
            SELECT @tenant_id, d.shopify_id, d.deleted_at FROM unnest(@ids, @deleted_at) AS d(shopify_id, deleted_at)
            ON CONFLICT (tenant_id, shopify_id) DO NOTHING
        ),
        variants_removed AS (
            DELETE FROM catalog.product_variants pv WHERE pv.tenant_id = @tenant_id AND pv.product_shopify_id = ANY(@ids)
        ),
        removed AS (
            DELETE FROM catalog.products p WHERE p.tenant_id = @tenant_id AND p.shopify_id = ANY(@ids) RETURNING 1
        )
        SELECT count(*)::int AS applied FROM removed
        """;

    public async Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<ProductRecord> page, CancellationToken cancellationToken = default)
    {
        if (page.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        // A record that moved during an UPDATED_AT walk can come twice; ON CONFLICT may touch a row only once.
        ProductRecord[] products = [.. page.Select((record, index) => (record, index)).GroupBy(p => p.record.ShopifyId)
            .Select(g => g.OrderBy(p => p.record.UpdatedAt).ThenBy(p => p.index).Last().record)];
        var variants = products.SelectMany(p => p.Variants.Select(variant => (variant, ProductId: p.ShopifyId)))
            .DistinctBy(v => v.variant.ShopifyId)
            .ToArray();

        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(LockTenantSql));
        var upsert = transaction.TenantCommand(UpsertSql);
        batch.BatchCommands.Add(upsert);
        var parameters = upsert.Parameters;
        parameters.AddArray("ids", NpgsqlDbType.Bigint, products.Select(p => p.ShopifyId));
        parameters.AddArray("titles", NpgsqlDbType.Text, products.Select(p => p.Title));
        parameters.AddArray("handles", NpgsqlDbType.Text, products.Select(p => p.Handle));
        parameters.AddArray("statuses", NpgsqlDbType.Text, products.Select(p => p.Status));
        parameters.AddArray("vendors", NpgsqlDbType.Text, products.Select(p => p.Vendor));
        parameters.AddArray("product_types", NpgsqlDbType.Text, products.Select(p => p.ProductType));
        parameters.AddArray("tags", NpgsqlDbType.Jsonb, products.Select(p => JsonSerializer.Serialize(p.Tags)));
        parameters.AddArray("created_at", NpgsqlDbType.TimestampTz, products.Select(p => p.CreatedAt.ToUniversalTime()));
        parameters.AddArray("updated_at", NpgsqlDbType.TimestampTz, products.Select(p => p.UpdatedAt.ToUniversalTime()));
        parameters.AddArray("variant_ids", NpgsqlDbType.Bigint, variants.Select(v => v.variant.ShopifyId));
        parameters.AddArray("variant_product_ids", NpgsqlDbType.Bigint, variants.Select(v => v.ProductId));
        parameters.AddArray("variant_titles", NpgsqlDbType.Text, variants.Select(v => v.variant.Title));
        parameters.AddArray("variant_skus", NpgsqlDbType.Text, variants.Select(v => v.variant.Sku));
        parameters.AddArray("variant_prices", NpgsqlDbType.Numeric, variants.Select(v => v.variant.Price));
        parameters.AddArray("variant_compare_at_prices", NpgsqlDbType.Numeric, variants.Select(v => v.variant.CompareAtPrice));
        parameters.AddArray("variant_inventory_quantities", NpgsqlDbType.Integer, variants.Select(v => v.variant.InventoryQuantity));

        return new IngestResult(page.Count, await batch.ExecuteAppliedAsync(cancellationToken));
    }

    public async Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, CancellationToken cancellationToken = default)
    {
        if (deletes.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(LockTenantSql));
        batch.BatchCommands.Add(transaction.DeleteCommand(DeleteSql, deletes));
        return new IngestResult(deletes.Count, await batch.ExecuteAppliedAsync(cancellationToken));
    }
}
