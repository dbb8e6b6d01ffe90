using NpgsqlTypes;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Privacy;

/// <summary>
/// Records data requests and erases a customer's personal data, set-based, in the caller's transaction. A redaction
/// takes the customer and order ingest locks (in that order), so a page being written at the same time is either
/// written before it and erased by it, or after it and erased as it is written.
/// </summary>
internal sealed class CustomerPrivacy : ICustomerPrivacy
{
    /// <summary>What an erased customer keeps: the id, dates and the anonymous amounts and counts.</summary>
    public const string ErasedCustomerColumns = """
        first_name = NULL, last_name = NULL, display_name = 'Redacted customer', email = NULL, phone = NULL,
        city = NULL, province = NULL, country = NULL, country_code = NULL, tags = '{}'
        """;

    private const string LockSql = """
        SELECT pg_advisory_xact_lock(hashtextextended('sales.customers:' || @tenant_id::text, 0)),
               pg_advisory_xact_lock(hashtextextended('sales.orders:' || @tenant_id::text, 0))
        """;

    // Orders are found by id, by customer and by the email the customer gave (guest checkouts carry no customer).
    private const string RedactSql = $"""
        WITH marked AS (
            INSERT INTO sales.redactions (tenant_id, kind, shopify_id, redacted_at)
            SELECT @tenant_id, 'customer', @customer_id, @redacted_at
            UNION ALL
            SELECT @tenant_id, 'order', o, @redacted_at FROM unnest(@order_ids) AS o
            ON CONFLICT (tenant_id, kind, shopify_id) DO NOTHING
        ),
        customer AS (
            UPDATE sales.customers c SET {ErasedCustomerColumns}
            WHERE c.tenant_id = @tenant_id AND c.shopify_id = @customer_id
        )
        UPDATE sales.orders o SET email = NULL
        WHERE o.tenant_id = @tenant_id AND o.email IS NOT NULL
          AND (o.shopify_id = ANY(@order_ids) OR o.customer_shopify_id = @customer_id
               OR (@email::text IS NOT NULL AND lower(o.email) = lower(@email::text)))
        """;

    private const string DataRequestSql = """
        INSERT INTO sales.data_requests (id, tenant_id, customer_shopify_id, order_shopify_ids, shopify_request_id, requested_at)
        VALUES (gen_random_uuid(), @tenant_id, @customer_id, @order_ids, @request_id, @requested_at)
        ON CONFLICT (tenant_id, customer_shopify_id, requested_at) DO NOTHING
        """;

    public async Task RecordDataRequestAsync(IngestTransaction transaction, CustomerDataRequest request, CancellationToken cancellationToken = default)
    {
        await using var batch = transaction.CreateBatch();
        var insert = transaction.TenantCommand(DataRequestSql);
        insert.Parameters.AddWithValue("customer_id", NpgsqlDbType.Bigint, request.CustomerShopifyId);
        insert.Parameters.AddArray("order_ids", NpgsqlDbType.Bigint, request.OrderShopifyIds.Distinct());
        insert.Parameters.AddWithValue("request_id", NpgsqlDbType.Bigint, (object?)request.ShopifyRequestId ?? DBNull.Value);
        insert.Parameters.AddWithValue("requested_at", NpgsqlDbType.TimestampTz, request.RequestedAt.ToUniversalTime());
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RedactAsync(IngestTransaction transaction, CustomerRedaction redaction, CancellationToken cancellationToken = default)
    {
        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(LockSql));
        var redact = transaction.TenantCommand(RedactSql);
        redact.Parameters.AddWithValue("customer_id", NpgsqlDbType.Bigint, redaction.CustomerShopifyId);
        redact.Parameters.AddArray("order_ids", NpgsqlDbType.Bigint, redaction.OrderShopifyIds.Distinct());
        redact.Parameters.AddWithValue("email", NpgsqlDbType.Text, string.IsNullOrWhiteSpace(redaction.Email) ? DBNull.Value : redaction.Email.Trim());
        redact.Parameters.AddWithValue("redacted_at", NpgsqlDbType.TimestampTz, redaction.RequestedAt.ToUniversalTime());
        batch.BatchCommands.Add(redact);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
