using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Customers;

/// <summary>
/// One round trip per page: the customers as columns of arrays, upserted where not older than the stored row,
/// and the tenant's customer count raised by the rows that were new, so totalCustomers never counts rows. Deletes
/// lower it again and leave a tombstone.
/// </summary>
internal sealed class CustomerIngest : ICustomerIngest
{
    // A delete and an upsert of the same customer in two transactions take turns, so the upsert's next statement sees
    // the tombstone (a fresh snapshot under READ COMMITTED) instead of inserting the row again after the delete.
    private const string LockTenantSql = "SELECT pg_advisory_xact_lock(hashtextextended('sales.customers:' || @tenant_id::text, 0))";

    // xmax = 0 marks a row this statement inserted rather than updated (PostgreSQL's usual idiom for it).
    // Tags travel as one JSON array per customer: a text[][] parameter would be flattened by unnest.
    // The end of both upserts: the customers they inserted (not updated) raise the tenant's customer count, and the
    // statement answers how many it applied.
    private const string CountInsertedSql = """
        counted AS (
                INSERT INTO sales.tenant_totals AS t (tenant_id, customers)
                SELECT @tenant_id, count(*) FROM applied WHERE inserted HAVING count(*) > 0
                ON CONFLICT (tenant_id) DO UPDATE SET customers = t.customers + EXCLUDED.customers
            )
            SELECT count(*)::int AS applied FROM applied
        """;

    private const string UpsertSql = $$"""
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @first_names, @last_names, @display_names, @emails, @phones, @cities, @provinces,
                                 @countries, @country_codes, @amounts_spent, @amount_spent_currencies, @numbers_of_orders,
                                 @tags, @created_at, @updated_at)
                AS t(shopify_id, first_name, last_name, display_name, email, phone, city, province, country, country_code,
                     amount_spent, amount_spent_currency, number_of_orders, tags, created_at, updated_at)
            WHERE NOT EXISTS (SELECT FROM sales.tombstones d
                              WHERE d.tenant_id = @tenant_id AND d.kind = 'customer' AND d.shopify_id = t.shopify_id)
        ),
        applied AS (
            INSERT INTO sales.customers AS c
                (tenant_id, shopify_id, first_name, last_name, display_name, email, phone, city, province, country,
                 country_code, amount_spent, amount_spent_currency, number_of_orders, tags, created_at, updated_at, synced_at)
            SELECT @tenant_id, i.shopify_id, i.first_name, i.last_name, i.display_name, i.email, i.phone, i.city, i.province,
                   i.country, i.country_code, i.amount_spent, i.amount_spent_currency, i.number_of_orders,
                   ARRAY(SELECT jsonb_array_elements_text(i.tags)), i.created_at, i.updated_at, now()
            FROM incoming i
            ON CONFLICT (tenant_id, shopify_id) DO UPDATE SET
                first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, display_name = EXCLUDED.display_name,
                email = EXCLUDED.email, phone = EXCLUDED.phone, city = EXCLUDED.city, province = EXCLUDED.province,
                country = EXCLUDED.country, country_code = EXCLUDED.country_code, amount_spent = EXCLUDED.amount_spent,
                amount_spent_currency = EXCLUDED.amount_spent_currency, number_of_orders = EXCLUDED.number_of_orders,
                tags = EXCLUDED.tags, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                synced_at = EXCLUDED.synced_at
            WHERE c.updated_at <= EXCLUDED.updated_at
            RETURNING (c.xmax = 0) AS inserted
        ),
        {{CountInsertedSql}}
        """;

    // A redacted customer arriving again is stored without personal data; amounts stay. The uncorrelated EXISTS is
    // evaluated once: a tenant without redactions reads no customer here.
    private const string RedactAgainSql = $"""
        UPDATE sales.customers c SET {CustomerPrivacy.ErasedCustomerColumns}
        WHERE EXISTS (SELECT FROM sales.redactions WHERE tenant_id = @tenant_id)
          AND c.tenant_id = @tenant_id AND c.shopify_id = ANY(@ids)
          AND EXISTS (SELECT FROM sales.redactions r
                      WHERE r.tenant_id = @tenant_id AND r.kind = 'customer' AND r.shopify_id = c.shopify_id)
        """;

    private const string DeleteSql = """
        WITH tombstoned AS (
            INSERT INTO sales.tombstones (tenant_id, kind, shopify_id, deleted_at)
            SELECT @tenant_id, 'customer', d.shopify_id, d.deleted_at FROM unnest(@ids, @deleted_at) AS d(shopify_id, deleted_at)
            ON CONFLICT (tenant_id, kind, shopify_id) DO NOTHING
        ),
        removed AS (
            DELETE FROM sales.customers c WHERE c.tenant_id = @tenant_id AND c.shopify_id = ANY(@ids) RETURNING 1
        ),
        counted AS (
            UPDATE sales.tenant_totals t SET customers = t.customers - (SELECT count(*) FROM removed)
            WHERE t.tenant_id = @tenant_id AND EXISTS (SELECT FROM removed)
        )
        SELECT count(*)::int AS applied FROM removed
        """;

    // A profile leaves the stored totals and tags as they are; a customer new to the table starts with none of them.
    private const string UpsertProfilesSql = $$"""
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @first_names, @last_names, @display_names, @emails, @phones, @cities, @provinces,
                                 @countries, @country_codes, @created_at, @updated_at)
                AS t(shopify_id, first_name, last_name, display_name, email, phone, city, province, country, country_code,
                     created_at, updated_at)
            WHERE NOT EXISTS (SELECT FROM sales.tombstones d
                              WHERE d.tenant_id = @tenant_id AND d.kind = 'customer' AND d.shopify_id = t.shopify_id)
        ),
        applied AS (
            INSERT INTO sales.customers AS c
                (tenant_id, shopify_id, first_name, last_name, display_name, email, phone, city, province, country,
                 country_code, amount_spent, number_of_orders, tags, created_at, updated_at, synced_at)
            SELECT @tenant_id, i.shopify_id, i.first_name, i.last_name, i.display_name, i.email, i.phone, i.city, i.province,
                   i.country, i.country_code, 0, 0, '{}', i.created_at, i.updated_at, now()
            FROM incoming i
            ON CONFLICT (tenant_id, shopify_id) DO UPDATE SET
                first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, display_name = EXCLUDED.display_name,
                email = EXCLUDED.email, phone = EXCLUDED.phone, city = EXCLUDED.city, province = EXCLUDED.province,
                country = EXCLUDED.country, country_code = EXCLUDED.country_code, created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at
            WHERE c.updated_at <= EXCLUDED.updated_at
            RETURNING (c.xmax = 0) AS inserted
        ),
        {{CountInsertedSql}}
        """;

    public async Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> page, CancellationToken cancellationToken = default)
    {
        if (page.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        var customers = Newest(page);

        await using var batch = UpsertBatch(transaction, UpsertSql, customers, parameters =>
        {
            parameters.AddArray("amounts_spent", NpgsqlDbType.Numeric, customers.Select(c => c.AmountSpent));
            parameters.AddArray("amount_spent_currencies", NpgsqlDbType.Text, customers.Select(c => c.AmountSpentCurrency));
            parameters.AddArray("numbers_of_orders", NpgsqlDbType.Bigint, customers.Select(c => c.NumberOfOrders));
            parameters.AddArray("tags", NpgsqlDbType.Jsonb, customers.Select(c => JsonSerializer.Serialize(c.Tags)));
        });
        return new IngestResult(page.Count, await batch.ExecuteAppliedAsync(cancellationToken));
    }

    public async Task<IngestResult> UpsertProfilesAsync(IngestTransaction transaction, IReadOnlyList<CustomerProfile> profiles, CancellationToken cancellationToken = default)
    {
        if (profiles.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        await using var batch = UpsertBatch(transaction, UpsertProfilesSql, Newest(profiles), _ => { });
        return new IngestResult(profiles.Count, await batch.ExecuteAppliedAsync(cancellationToken));
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

    /// <summary>
    /// The newest of each customer's records: one that moved during an UPDATED_AT walk, or was delivered twice, can come
    /// twice, and ON CONFLICT may touch a row only once.
    /// </summary>
    private static T[] Newest<T>(IReadOnlyList<T> page) where T : CustomerProfile =>
        [.. page.Select((record, index) => (record, index)).GroupBy(c => c.record.ShopifyId)
            .Select(g => g.OrderBy(c => c.record.UpdatedAt).ThenBy(c => c.index).Last().record)];

    /// <summary>
    /// The tenant's lock, the upsert <paramref name="sql"/> with the profile columns and <paramref name="moreColumns"/>
    /// bound, and the redaction of customers redacted before.
    /// </summary>
    private static NpgsqlBatch UpsertBatch(
        IngestTransaction transaction, string sql, IReadOnlyList<CustomerProfile> customers, Action<NpgsqlParameterCollection> moreColumns)
    {
        var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(LockTenantSql));
        var upsert = transaction.TenantCommand(sql);
        batch.BatchCommands.Add(upsert);
        var redactAgain = transaction.TenantCommand(RedactAgainSql);
        redactAgain.Parameters.AddArray("ids", NpgsqlDbType.Bigint, customers.Select(c => c.ShopifyId));
        batch.BatchCommands.Add(redactAgain);
        var parameters = upsert.Parameters;
        parameters.AddArray("ids", NpgsqlDbType.Bigint, customers.Select(c => c.ShopifyId));
        parameters.AddArray("first_names", NpgsqlDbType.Text, customers.Select(c => c.FirstName));
        parameters.AddArray("last_names", NpgsqlDbType.Text, customers.Select(c => c.LastName));
        parameters.AddArray("display_names", NpgsqlDbType.Text, customers.Select(c => c.DisplayName));
        parameters.AddArray("emails", NpgsqlDbType.Text, customers.Select(c => c.Email));
        parameters.AddArray("phones", NpgsqlDbType.Text, customers.Select(c => c.Phone));
        parameters.AddArray("cities", NpgsqlDbType.Text, customers.Select(c => c.City));
        parameters.AddArray("provinces", NpgsqlDbType.Text, customers.Select(c => c.Province));
        parameters.AddArray("countries", NpgsqlDbType.Text, customers.Select(c => c.Country));
        parameters.AddArray("country_codes", NpgsqlDbType.Text, customers.Select(c => c.CountryCode));
        parameters.AddArray("created_at", NpgsqlDbType.TimestampTz, customers.Select(c => c.CreatedAt.ToUniversalTime()));
        parameters.AddArray("updated_at", NpgsqlDbType.TimestampTz, customers.Select(c => c.UpdatedAt.ToUniversalTime()));
        moreColumns(parameters);
        return batch;
    }

    public async Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, CancellationToken cancellationToken = default)
    {
        var absent = await transaction.AbsentAsync("sales.customers", present, DateTimeOffset.UtcNow, cancellationToken);
        return await DeleteAsync(transaction, absent, cancellationToken);
    }
}
