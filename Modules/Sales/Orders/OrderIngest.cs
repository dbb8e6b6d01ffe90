using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Orders;

/// <summary>
/// One round trip per page: the orders and their line items upserted set-based, and the daily sales rollup
/// moved by exactly the difference each applied order makes, in the same transaction.
/// </summary>
internal sealed class OrderIngest : IOrderIngest
{
    // The rollup subtracts what an order counted for before this statement; that read must see every committed
    // write to the tenant's orders, so concurrent ingests of one tenant take turns (a new statement after the
    // lock takes a fresh snapshot under READ COMMITTED).
    private const string LockTenantSql = "SELECT pg_advisory_xact_lock(hashtextextended('sales.orders:' || @tenant_id::text, 0))";

    // Records the timezone days are counted in; when it changes (or on a tenant's first orders), rebuilds the
    // tenant's rollup from its orders. The rebuild's upsert and delete touch disjoint days, so one statement does.
    private const string TimeZoneSql = """
        WITH changed AS (
            INSERT INTO sales.tenant_totals AS t (tenant_id, time_zone, customers) VALUES (@tenant_id, @time_zone, 0)
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone
            WHERE t.time_zone IS DISTINCT FROM EXCLUDED.time_zone
            RETURNING t.time_zone
        ),
        rebuilt AS (
            SELECT (o.processed_at AT TIME ZONE @time_zone)::date AS day, count(*) AS orders,
                   sum(o.current_total_price) AS revenue, sum(o.total_price) AS gross_revenue
            FROM sales.orders o
            WHERE EXISTS (SELECT FROM changed) AND o.tenant_id = @tenant_id AND NOT o.test AND o.cancelled_at IS NULL
            GROUP BY 1
        ),
        rewritten AS (
            INSERT INTO sales.daily_sales AS d (tenant_id, day, orders, revenue, gross_revenue)
            SELECT @tenant_id, r.day, r.orders, r.revenue, r.gross_revenue FROM rebuilt r
            ON CONFLICT (tenant_id, day) DO UPDATE SET
                orders = EXCLUDED.orders, revenue = EXCLUDED.revenue, gross_revenue = EXCLUDED.gross_revenue
        )
        DELETE FROM sales.daily_sales d
        WHERE EXISTS (SELECT FROM changed) AND d.tenant_id = @tenant_id AND d.day NOT IN (SELECT day FROM rebuilt)
        """;

    // An order Shopify deleted stays deleted: its tombstone filters it out of every later page.
    // Stored rows are looked up key by key (a LATERAL ... LIMIT 1 probe, or = ANY(array) on the leading index columns)
    // and never joined: while a first sync grows a tenant, the planner's statistics still think it tiny and, given a
    // join, would scan all of the tenant's rows. `<> ALL(array)` of a parameter is hashed by PostgreSQL.
    // The probe names its tenant through a sub-select, a value the planner does not look up in the statistics: a tenant
    // missing from them (a new one, while the others' most common values fill the sample) is otherwise estimated at
    // one row, and the planner may then take the (tenant_id, updated_at) index as just as good as the primary key and
    // walk all of the tenant's rows for every probe. Unknown, the tenant is a hundredth of the table (PlanTenantsAsLarge).
    // Every part of one statement sees the same snapshot: "previous" reads the rows as they were before "inserted" and
    // "updated" wrote them, and RETURNING gives them as written. An order counts when it is neither a test nor cancelled.
    private const string UpsertSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @names, @emails, @customer_ids, @created_at, @processed_at, @updated_at, @cancelled_at,
                                 @cancel_reasons, @tests, @financial_statuses, @fulfillment_statuses, @currency_codes,
                                 @total_prices, @subtotal_prices, @current_total_prices, @total_refunded,
                                 @presentment_currency_codes, @presentment_current_total_prices)
                AS t(shopify_id, name, email, customer_shopify_id, created_at, processed_at, updated_at, cancelled_at,
                     cancel_reason, test, display_financial_status, display_fulfillment_status, currency_code,
                     total_price, subtotal_price, current_total_price, total_refunded,
                     presentment_currency_code, presentment_current_total_price)
            WHERE NOT EXISTS (SELECT FROM sales.tombstones d
                              WHERE d.tenant_id = @tenant_id AND d.kind = 'order' AND d.shopify_id = t.shopify_id)
        ),
        previous AS (
            SELECT o.* FROM incoming i CROSS JOIN LATERAL (
                SELECT o.shopify_id, o.processed_at, o.current_total_price, o.total_price,
                       (NOT o.test AND o.cancelled_at IS NULL) AS counted
                FROM sales.orders o
                WHERE o.tenant_id = (SELECT @tenant_id) AND o.shopify_id = i.shopify_id
                LIMIT 1) o
        ),
        -- An order stored for the first time is inserted without looking for a conflict (which costs about half as much
        -- again per row), as its items are: every write of the tenant's orders goes through this statement under the
        -- tenant's lock, so an order "previous" did not find has no row. One found is updated when the incoming version
        -- is not older; its row is found through the primary key (= ANY of the previous ids), never by a join.
        inserted AS (
            INSERT INTO sales.orders AS o
                (tenant_id, shopify_id, name, email, customer_shopify_id, created_at, processed_at, updated_at, cancelled_at,
                 cancel_reason, test, display_financial_status, display_fulfillment_status, currency_code,
                 total_price, subtotal_price, current_total_price, total_refunded,
                 presentment_currency_code, presentment_current_total_price, synced_at)
            SELECT @tenant_id, i.*, now() FROM incoming i
            WHERE NOT EXISTS (SELECT FROM previous p WHERE p.shopify_id = i.shopify_id)
            RETURNING o.shopify_id, o.processed_at, o.current_total_price, o.total_price,
                      (NOT o.test AND o.cancelled_at IS NULL) AS counted
        ),
        updated AS (
            UPDATE sales.orders AS o SET
                name = i.name, email = i.email, customer_shopify_id = i.customer_shopify_id,
                created_at = i.created_at, processed_at = i.processed_at, updated_at = i.updated_at,
                cancelled_at = i.cancelled_at, cancel_reason = i.cancel_reason, test = i.test,
                display_financial_status = i.display_financial_status,
                display_fulfillment_status = i.display_fulfillment_status, currency_code = i.currency_code,
                total_price = i.total_price, subtotal_price = i.subtotal_price,
                current_total_price = i.current_total_price, total_refunded = i.total_refunded,
                presentment_currency_code = i.presentment_currency_code,
                presentment_current_total_price = i.presentment_current_total_price, synced_at = now()
            FROM incoming i
            WHERE o.tenant_id = @tenant_id AND o.shopify_id = ANY(ARRAY(SELECT p.shopify_id FROM previous p))
              AND o.shopify_id = i.shopify_id AND o.updated_at <= i.updated_at
            RETURNING o.shopify_id, o.processed_at, o.current_total_price, o.total_price,
                      (NOT o.test AND o.cancelled_at IS NULL) AS counted
        ),
        applied AS (
            SELECT * FROM inserted UNION ALL SELECT * FROM updated
        ),
        deltas AS (
            SELECT (a.processed_at AT TIME ZONE @time_zone)::date AS day, 1 AS orders,
                   a.current_total_price AS revenue, a.total_price AS gross_revenue
            FROM applied a WHERE a.counted
            UNION ALL
            SELECT (p.processed_at AT TIME ZONE @time_zone)::date, -1, -p.current_total_price, -p.total_price
            FROM previous p JOIN applied a ON a.shopify_id = p.shopify_id WHERE p.counted
        ),
        rolled_up AS (
            INSERT INTO sales.daily_sales AS d (tenant_id, day, orders, revenue, gross_revenue)
            SELECT @tenant_id, day, sum(orders), sum(revenue), sum(gross_revenue) FROM deltas GROUP BY day
            HAVING sum(orders) <> 0 OR sum(revenue) <> 0 OR sum(gross_revenue) <> 0
            ON CONFLICT (tenant_id, day) DO UPDATE SET
                orders = d.orders + EXCLUDED.orders, revenue = d.revenue + EXCLUDED.revenue,
                gross_revenue = d.gross_revenue + EXCLUDED.gross_revenue
        ),
        incoming_items AS (
            SELECT l.* FROM unnest(@item_ids, @item_order_ids, @item_titles, @item_quantities, @item_skus,
                                   @item_variant_ids, @item_product_ids, @item_unit_prices)
                AS l(shopify_id, order_shopify_id, title, quantity, sku, variant_shopify_id, product_shopify_id,
                     original_unit_price)
            WHERE l.order_shopify_id IN (SELECT shopify_id FROM applied)
        ),
        -- The items of an order stored for the first time are inserted without looking for a conflict (which costs
        -- about half as much again per row): an order's items are only ever written with it and removed with it, and the
        -- tenant's lock keeps any other write of its orders out, so an order without a row has no items either.
        new_items AS (
            INSERT INTO sales.order_line_items
                (tenant_id, shopify_id, order_shopify_id, title, quantity, sku, variant_shopify_id, product_shopify_id,
                 original_unit_price)
            SELECT @tenant_id, l.* FROM incoming_items l
            WHERE NOT EXISTS (SELECT FROM previous p WHERE p.shopify_id = l.order_shopify_id)
        ),
        items_written AS (
            INSERT INTO sales.order_line_items AS li
                (tenant_id, shopify_id, order_shopify_id, title, quantity, sku, variant_shopify_id, product_shopify_id,
                 original_unit_price)
            SELECT @tenant_id, l.* FROM incoming_items l
            WHERE EXISTS (SELECT FROM previous p WHERE p.shopify_id = l.order_shopify_id)
            ON CONFLICT (tenant_id, order_shopify_id, shopify_id) DO UPDATE SET
                title = EXCLUDED.title, quantity = EXCLUDED.quantity,
                sku = EXCLUDED.sku, variant_shopify_id = EXCLUDED.variant_shopify_id,
                product_shopify_id = EXCLUDED.product_shopify_id, original_unit_price = EXCLUDED.original_unit_price
        ),
        -- Disjoint from items_written (ids not in the page), as one statement may touch a row only once. Only an
        -- order stored before can have items to remove, so a first sync looks none up (the EXISTS is evaluated once,
        -- before any row is read).
        items_removed AS (
            DELETE FROM sales.order_line_items li
            WHERE EXISTS (SELECT FROM previous) AND li.tenant_id = @tenant_id
              AND li.order_shopify_id = ANY(ARRAY(SELECT a.shopify_id FROM applied a JOIN previous p ON p.shopify_id = a.shopify_id))
              AND li.shopify_id <> ALL(@item_ids)
        )
        SELECT count(*)::int AS applied FROM applied
        """;

    // Orders whose customer, or which themselves, were redacted are stored without the email again. The uncorrelated
    // EXISTS is evaluated once: a tenant without redactions reads no order here.
    private const string RedactAgainSql = """
        UPDATE sales.orders o SET email = NULL
        WHERE EXISTS (SELECT FROM sales.redactions WHERE tenant_id = @tenant_id)
          AND o.tenant_id = @tenant_id AND o.shopify_id = ANY(@ids) AND o.email IS NOT NULL
          AND EXISTS (SELECT FROM sales.redactions r
                      WHERE r.tenant_id = @tenant_id
                        AND ((r.kind = 'order' AND r.shopify_id = o.shopify_id)
                          OR (r.kind = 'customer' AND r.shopify_id = o.customer_shopify_id)))
        """;

    // The orders and their line items go; each counted order leaves its day of the rollup; a tombstone (kept even
    // for an order never stored) keeps a late update from bringing it back.
    private const string DeleteSql = """
        WITH tombstoned AS (
            INSERT INTO sales.tombstones (tenant_id, kind, shopify_id, deleted_at)
            SELECT @tenant_id, 'order', d.shopify_id, d.deleted_at FROM unnest(@ids, @deleted_at) AS d(shopify_id, deleted_at)
            ON CONFLICT (tenant_id, kind, shopify_id) DO NOTHING
        ),
        removed AS (
            DELETE FROM sales.orders o WHERE o.tenant_id = @tenant_id AND o.shopify_id = ANY(@ids)
            RETURNING o.processed_at, o.current_total_price, o.total_price, (NOT o.test AND o.cancelled_at IS NULL) AS counted
        ),
        items_removed AS (
            DELETE FROM sales.order_line_items li WHERE li.tenant_id = @tenant_id AND li.order_shopify_id = ANY(@ids)
        ),
        rolled_up AS (
            INSERT INTO sales.daily_sales AS d (tenant_id, day, orders, revenue, gross_revenue)
            SELECT @tenant_id, (r.processed_at AT TIME ZONE @time_zone)::date, -count(*), -sum(r.current_total_price), -sum(r.total_price)
            FROM removed r WHERE r.counted GROUP BY 2
            ON CONFLICT (tenant_id, day) DO UPDATE SET
                orders = d.orders + EXCLUDED.orders, revenue = d.revenue + EXCLUDED.revenue,
                gross_revenue = d.gross_revenue + EXCLUDED.gross_revenue
        )
        SELECT count(*)::int AS applied FROM removed
        """;

    public async Task<IngestResult> UpsertAsync(
        IngestTransaction transaction, IReadOnlyList<OrderRecord> page, string shopTimeZone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shopTimeZone);
        if (page.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        // A record that moved during an UPDATED_AT walk can come twice; ON CONFLICT may touch a row only once.
        OrderRecord[] orders = [.. page.Select((record, index) => (record, index)).GroupBy(o => o.record.ShopifyId)
            .Select(g => g.OrderBy(o => o.record.UpdatedAt).ThenBy(o => o.index).Last().record)];
        var items = orders.SelectMany(o => o.LineItems.Select(item => (item, OrderId: o.ShopifyId)))
            .DistinctBy(l => l.item.ShopifyId)
            .ToArray();

        await using var batch = RollupBatch(transaction, shopTimeZone);
        var upsert = transaction.TenantCommand(UpsertSql);
        var parameters = upsert.Parameters;
        parameters.Add(new NpgsqlParameter<string>("time_zone", NpgsqlDbType.Text) { TypedValue = shopTimeZone });
        parameters.AddArray("ids", NpgsqlDbType.Bigint, orders.Select(o => o.ShopifyId));
        parameters.AddArray("names", NpgsqlDbType.Text, orders.Select(o => o.Name));
        parameters.AddArray("emails", NpgsqlDbType.Text, orders.Select(o => o.Email));
        parameters.AddArray("customer_ids", NpgsqlDbType.Bigint, orders.Select(o => o.CustomerShopifyId));
        parameters.AddArray("created_at", NpgsqlDbType.TimestampTz, orders.Select(o => o.CreatedAt.ToUniversalTime()));
        parameters.AddArray("processed_at", NpgsqlDbType.TimestampTz, orders.Select(o => o.ProcessedAt.ToUniversalTime()));
        parameters.AddArray("updated_at", NpgsqlDbType.TimestampTz, orders.Select(o => o.UpdatedAt.ToUniversalTime()));
        parameters.AddArray("cancelled_at", NpgsqlDbType.TimestampTz, orders.Select(o => o.CancelledAt?.ToUniversalTime()));
        parameters.AddArray("cancel_reasons", NpgsqlDbType.Text, orders.Select(o => o.CancelReason));
        parameters.AddArray("tests", NpgsqlDbType.Boolean, orders.Select(o => o.Test));
        parameters.AddArray("financial_statuses", NpgsqlDbType.Text, orders.Select(o => o.DisplayFinancialStatus));
        parameters.AddArray("fulfillment_statuses", NpgsqlDbType.Text, orders.Select(o => o.DisplayFulfillmentStatus));
        parameters.AddArray("currency_codes", NpgsqlDbType.Text, orders.Select(o => o.CurrencyCode));
        parameters.AddArray("total_prices", NpgsqlDbType.Numeric, orders.Select(o => o.TotalPrice));
        parameters.AddArray("subtotal_prices", NpgsqlDbType.Numeric, orders.Select(o => o.SubtotalPrice));
        parameters.AddArray("current_total_prices", NpgsqlDbType.Numeric, orders.Select(o => o.CurrentTotalPrice));
        parameters.AddArray("total_refunded", NpgsqlDbType.Numeric, orders.Select(o => o.TotalRefunded));
        parameters.AddArray("presentment_currency_codes", NpgsqlDbType.Text, orders.Select(o => o.PresentmentCurrencyCode));
        parameters.AddArray("presentment_current_total_prices", NpgsqlDbType.Numeric, orders.Select(o => o.PresentmentCurrentTotalPrice));
        parameters.AddArray("item_ids", NpgsqlDbType.Bigint, items.Select(l => l.item.ShopifyId));
        parameters.AddArray("item_order_ids", NpgsqlDbType.Bigint, items.Select(l => l.OrderId));
        parameters.AddArray("item_titles", NpgsqlDbType.Text, items.Select(l => l.item.Title));
        parameters.AddArray("item_quantities", NpgsqlDbType.Integer, items.Select(l => l.item.Quantity));
        parameters.AddArray("item_skus", NpgsqlDbType.Text, items.Select(l => l.item.Sku));
        parameters.AddArray("item_variant_ids", NpgsqlDbType.Bigint, items.Select(l => l.item.VariantShopifyId));
        parameters.AddArray("item_product_ids", NpgsqlDbType.Bigint, items.Select(l => l.item.ProductShopifyId));
        parameters.AddArray("item_unit_prices", NpgsqlDbType.Numeric, items.Select(l => l.item.OriginalUnitPrice));
        batch.BatchCommands.Add(upsert);
        var redactAgain = transaction.TenantCommand(RedactAgainSql);
        redactAgain.Parameters.AddArray("ids", NpgsqlDbType.Bigint, orders.Select(o => o.ShopifyId));
        batch.BatchCommands.Add(redactAgain);
        return new IngestResult(page.Count, await batch.ExecuteAppliedAsync(cancellationToken));
    }

    public async Task<IngestResult> DeleteAsync(
        IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shopTimeZone);
        if (deletes.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        await using var batch = RollupBatch(transaction, shopTimeZone);
        var delete = transaction.DeleteCommand(DeleteSql, deletes);
        delete.Parameters.Add(new NpgsqlParameter<string>("time_zone", NpgsqlDbType.Text) { TypedValue = shopTimeZone });
        batch.BatchCommands.Add(delete);
        return new IngestResult(deletes.Count, await batch.ExecuteAppliedAsync(cancellationToken));
    }

    public async Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, string shopTimeZone, CancellationToken cancellationToken = default)
    {
        var absent = await transaction.AbsentAsync("sales.orders", present, DateTimeOffset.UtcNow, cancellationToken);
        return await DeleteAsync(transaction, absent, shopTimeZone, cancellationToken);
    }

    /// <summary>A batch that holds the tenant's rollup lock and has the rollup counted in <paramref name="shopTimeZone"/>.</summary>
    private static NpgsqlBatch RollupBatch(IngestTransaction transaction, string shopTimeZone)
    {
        var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(LockTenantSql));
        var timeZone = transaction.TenantCommand(TimeZoneSql);
        timeZone.Parameters.Add(new NpgsqlParameter<string>("time_zone", NpgsqlDbType.Text) { TypedValue = shopTimeZone });
        batch.BatchCommands.Add(timeZone);
        return batch;
    }
}
