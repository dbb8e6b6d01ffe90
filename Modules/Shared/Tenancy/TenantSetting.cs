using Npgsql;

namespace ShopIngest.Modules.Shared.Tenancy;

/// <summary>
/// The PostgreSQL setting every row-level security policy compares <c>tenant_id</c> with.
/// Unset or empty, it matches no row at all.
/// </summary>
public static class TenantSetting
{
    public const string Name = "app.tenant_id";

    /// <summary>The policy expression: the current tenant, or NULL (no rows) when none is set.</summary>
    public const string CurrentTenantSql = $"nullif(current_setting('{Name}', true), '')::uuid";

    /// <summary>
    /// Sets the tenant for the rest of <paramref name="transaction"/> only (<c>set_config(..., true)</c>).
    /// </summary>
    public static async Task SetTenantAsync(this NpgsqlTransaction transaction, Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand($"SELECT set_config('{Name}', $1, true)", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
