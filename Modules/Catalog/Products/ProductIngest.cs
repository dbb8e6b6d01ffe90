using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Catalog.Products;

/// <summary>
/// One statement per page: the products as columns of arrays, upserted where not older than the stored row,
/// and the variants of every applied product replaced by the incoming set.
/// </summary>
internal sealed class ProductIngest : IProductIngest
{
    // Tags travel as one JSON array per product: a text[][] parameter would be flattened by unnest.
    private const string UpsertSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @titles, @handles, @statuses, @vendors, @product_types, @tags, @created_at, @updated_at)
                AS t(shopify_id, title, handle, status, vendor, product_type, tags, created_at, updated_at)
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
        SELECT count(*)::int FROM applied
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

        await using var command = transaction.CreateCommand(UpsertSql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
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

        var applied = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new IngestResult(page.Count, applied);
    }
}
