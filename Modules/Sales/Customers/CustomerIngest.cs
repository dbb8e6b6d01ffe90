using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Customers;

/// <summary>
/// One statement per page: the customers as columns of arrays, upserted where not older than the stored row,
/// and the tenant's customer count raised by the rows that were new, so totalCustomers never counts rows.
/// </summary>
internal sealed class CustomerIngest : ICustomerIngest
{
    // xmax = 0 marks a row this statement inserted rather than updated (PostgreSQL's usual idiom for it).
    // Tags travel as one JSON array per customer: a text[][] parameter would be flattened by unnest.
    private const string UpsertSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @first_names, @last_names, @display_names, @emails, @phones, @cities, @provinces,
                                 @countries, @country_codes, @amounts_spent, @amount_spent_currencies, @numbers_of_orders,
                                 @tags, @created_at, @updated_at)
                AS t(shopify_id, first_name, last_name, display_name, email, phone, city, province, country, country_code,
                     amount_spent, amount_spent_currency, number_of_orders, tags, created_at, updated_at)
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
        counted AS (
            INSERT INTO sales.tenant_totals AS t (tenant_id, customers)
            SELECT @tenant_id, count(*) FROM applied WHERE inserted HAVING count(*) > 0
            ON CONFLICT (tenant_id) DO UPDATE SET customers = t.customers + EXCLUDED.customers
        )
        SELECT count(*)::int FROM applied
        """;

    // A profile leaves the stored totals and tags as they are; a customer new to the table starts with none of them.
    private const string UpsertProfilesSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids, @first_names, @last_names, @display_names, @emails, @phones, @cities, @provinces,
                                 @countries, @country_codes, @created_at, @updated_at)
                AS t(shopify_id, first_name, last_name, display_name, email, phone, city, province, country, country_code,
                     created_at, updated_at)
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
        counted AS (
            INSERT INTO sales.tenant_totals AS t (tenant_id, customers)
            SELECT @tenant_id, count(*) FROM applied WHERE inserted HAVING count(*) > 0
            ON CONFLICT (tenant_id) DO UPDATE SET customers = t.customers + EXCLUDED.customers
        )
        SELECT count(*)::int FROM applied
        """;

    public async Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> page, CancellationToken cancellationToken = default)
    {
        if (page.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        var customers = Newest(page);

        await using var command = transaction.CreateCommand(UpsertSql);
        var parameters = command.Parameters;
        AddProfileColumns(parameters, transaction, customers);
        parameters.AddArray("amounts_spent", NpgsqlDbType.Numeric, customers.Select(c => c.AmountSpent));
        parameters.AddArray("amount_spent_currencies", NpgsqlDbType.Text, customers.Select(c => c.AmountSpentCurrency));
        parameters.AddArray("numbers_of_orders", NpgsqlDbType.Bigint, customers.Select(c => c.NumberOfOrders));
        parameters.AddArray("tags", NpgsqlDbType.Jsonb, customers.Select(c => JsonSerializer.Serialize(c.Tags)));

        var applied = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new IngestResult(page.Count, applied);
    }

    public async Task<IngestResult> UpsertProfilesAsync(IngestTransaction transaction, IReadOnlyList<CustomerProfile> profiles, CancellationToken cancellationToken = default)
    {
        if (profiles.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        await using var command = transaction.CreateCommand(UpsertProfilesSql);
        AddProfileColumns(command.Parameters, transaction, Newest(profiles));
        var applied = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new IngestResult(profiles.Count, applied);
    }

    /// <summary>
    /// The newest of each customer's records: one that moved during an UPDATED_AT walk, or was delivered twice, can come
    /// twice, and ON CONFLICT may touch a row only once.
    /// </summary>
    private static T[] Newest<T>(IReadOnlyList<T> page) where T : CustomerProfile =>
        [.. page.Select((record, index) => (record, index)).GroupBy(c => c.record.ShopifyId)
            .Select(g => g.OrderBy(c => c.record.UpdatedAt).ThenBy(c => c.index).Last().record)];

    private static void AddProfileColumns(NpgsqlParameterCollection parameters, IngestTransaction transaction, IReadOnlyList<CustomerProfile> customers)
    {
        parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
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
    }
}
