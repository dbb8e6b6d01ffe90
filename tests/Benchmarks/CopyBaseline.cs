using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ShopIngest.Benchmarks;

/// <summary>
/// The physical limit of the bulk ingest on this PostgreSQL: a plain binary COPY of as many orders and line items,
/// with the columns of <c>sales.orders</c> and <c>sales.order_line_items</c>, into tables of a throw-away schema. Once into
/// ordinary tables with the same keys and indexes as Sales', once into unlogged tables without any.
/// </summary>
internal static class CopyBaseline
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Rows (orders and line items together) per second into each kind of table.</summary>
    public static async Task<CopyRates> RunAsync(string ownerConnectionString, int orders, long lineItems)
    {
        var schema = $"bench_copy_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        try
        {
            await ExecuteAsync(connection, $"""
                CREATE SCHEMA {schema};
                CREATE TABLE {schema}.orders ({OrderColumns}, PRIMARY KEY (tenant_id, shopify_id));
                CREATE INDEX ON {schema}.orders (tenant_id, processed_at, shopify_id);
                CREATE INDEX ON {schema}.orders (tenant_id, updated_at, shopify_id);
                CREATE TABLE {schema}.order_line_items ({LineItemColumns}, PRIMARY KEY (tenant_id, order_shopify_id, shopify_id));
                CREATE UNLOGGED TABLE {schema}.unlogged_orders ({OrderColumns});
                CREATE UNLOGGED TABLE {schema}.unlogged_order_line_items ({LineItemColumns});
                """);
            var ordinary = await CopyAsync(connection, $"{schema}.orders", $"{schema}.order_line_items", orders, lineItems);
            var unlogged = await CopyAsync(connection, $"{schema}.unlogged_orders", $"{schema}.unlogged_order_line_items", orders, lineItems);
            return new CopyRates((orders + lineItems) / ordinary.TotalSeconds, (orders + lineItems) / unlogged.TotalSeconds);
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    private const string OrderColumns = """
        tenant_id uuid NOT NULL, shopify_id bigint NOT NULL, name text NOT NULL, email text, customer_shopify_id bigint,
        created_at timestamptz NOT NULL, processed_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, cancelled_at timestamptz,
        cancel_reason text, test boolean NOT NULL, display_financial_status text, display_fulfillment_status text,
        currency_code text NOT NULL, total_price numeric NOT NULL, subtotal_price numeric, current_total_price numeric NOT NULL,
        total_refunded numeric NOT NULL, presentment_currency_code text, presentment_current_total_price numeric,
        synced_at timestamptz NOT NULL
        """;

    private const string LineItemColumns = """
        tenant_id uuid NOT NULL, shopify_id bigint NOT NULL, order_shopify_id bigint NOT NULL, title text NOT NULL,
        quantity integer NOT NULL, sku text, variant_shopify_id bigint, product_shopify_id bigint, original_unit_price numeric NOT NULL
        """;

    /// <summary>Both tables, one COPY each, timed together (rows made on the fly, as the ingest parses them).</summary>
    private static async Task<TimeSpan> CopyAsync(NpgsqlConnection connection, string ordersTable, string lineItemsTable, int orders, long lineItems)
    {
        var tenant = Guid.NewGuid();
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {ordersTable} FROM STDIN (FORMAT BINARY)"))
        {
            for (long id = 1; id <= orders; id++)
            {
                var processedAt = Start.AddMinutes(random.Next(0, 730 * 24 * 60));
                var total = Math.Round((decimal)(10 + (random.NextDouble() * 290)), 2);
                copy.StartRow();
                copy.Write(tenant, NpgsqlDbType.Uuid);
                copy.Write(id, NpgsqlDbType.Bigint);
                copy.Write($"#{1000 + id}", NpgsqlDbType.Text);
                copy.Write($"customer{id % 20_000}@example.com", NpgsqlDbType.Text);
                copy.Write(id % 20_000, NpgsqlDbType.Bigint);
                copy.Write(processedAt, NpgsqlDbType.TimestampTz);
                copy.Write(processedAt, NpgsqlDbType.TimestampTz);
                copy.Write(processedAt.AddHours(1), NpgsqlDbType.TimestampTz);
                copy.WriteNull();
                copy.WriteNull();
                copy.Write(false, NpgsqlDbType.Boolean);
                copy.Write("PAID", NpgsqlDbType.Text);
                copy.Write("FULFILLED", NpgsqlDbType.Text);
                copy.Write("EUR", NpgsqlDbType.Text);
                copy.Write(total, NpgsqlDbType.Numeric);
                copy.Write(total, NpgsqlDbType.Numeric);
                copy.Write(total, NpgsqlDbType.Numeric);
                copy.Write(0m, NpgsqlDbType.Numeric);
                copy.Write("EUR", NpgsqlDbType.Text);
                copy.Write(total, NpgsqlDbType.Numeric);
                copy.Write(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {lineItemsTable} FROM STDIN (FORMAT BINARY)"))
        {
            // Spread over the orders as evenly as the counts allow, each order's items together.
            for (long item = 0; item < lineItems; item++)
            {
                copy.StartRow();
                copy.Write(tenant, NpgsqlDbType.Uuid);
                copy.Write(item + 1, NpgsqlDbType.Bigint);
                copy.Write((item * orders / lineItems) + 1, NpgsqlDbType.Bigint);
                copy.Write($"Product {item % 2_000} - Variant {item % 3}", NpgsqlDbType.Text);
                copy.Write(1 + (int)(item % 3), NpgsqlDbType.Integer);
                copy.Write($"SKU-{item % 6_000:D6}", NpgsqlDbType.Text);
                copy.Write(item % 6_000, NpgsqlDbType.Bigint);
                copy.Write(item % 2_000, NpgsqlDbType.Bigint);
                copy.Write(Math.Round((decimal)(5 + (random.NextDouble() * 95)), 2), NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        return clock.Elapsed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed record CopyRates(double OrdinaryRowsPerSecond, double UnloggedRowsPerSecond);
