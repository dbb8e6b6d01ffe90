using Npgsql;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// Searches every text-like column of every table of the application's schemas (text, varchar, arrays, json and
/// jsonb), as the owner so row-level security hides nothing, for any of the given strings.
/// </summary>
internal static class PersonalDataSearch
{
    /// <summary>The "schema.table.column" of each column holding one of <paramref name="needles"/>, case-insensitively.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(AppHostFixture fixture, params string[] needles)
    {
        if (needles.Length == 0 || needles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give the personal data to look for; an empty needle would match everything.", nameof(needles));
        }

        await using var connection = await fixture.OpenDatabaseAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE'
              AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                   OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
            ORDER BY 1, 2, 3
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException("Found no text columns at all: the search would prove nothing.");
        }

        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var text = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var search = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT FROM \"{schema}\".\"{table}\" WHERE {text} ILIKE ANY(@patterns))", connection);
            search.Parameters.AddWithValue("patterns", needles.Select(n => "%" + n.Replace("%", "\\%").Replace("_", "\\_") + "%").ToArray());
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }
}
