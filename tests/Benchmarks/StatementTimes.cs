using System.Globalization;
using Npgsql;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Where PostgreSQL's time went during a measured stretch (pg_stat_statements, which <c>--top-statements N</c> loads
/// into the throwaway server): counted from <see cref="ResetAsync"/>, printed per unit of work by <see cref="PrintAsync"/>.
/// </summary>
internal static class StatementTimes
{
    public static async Task ResetAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The <paramref name="count"/> statements PostgreSQL spent most on (planning and running), in all and per <paramref name="unit"/>.</summary>
    public static async Task PrintAsync(string ownerConnectionString, int count, long units, string unit)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT calls, total_plan_time + total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements ORDER BY 2 DESC LIMIT @count",
            connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var milliseconds = reader.GetDouble(1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {milliseconds / 1000,7:F2} s  {milliseconds / units,7:F4} ms/{unit}  {reader.GetInt64(0),8:N0} calls  {reader.GetString(2)}"));
        }
    }
}
