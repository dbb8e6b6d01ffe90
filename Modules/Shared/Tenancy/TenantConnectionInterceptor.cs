using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ShopIngest.Modules.Shared.Tenancy;

/// <summary>
/// Every connection an EF Core context opens carries its scope's tenant (or explicitly none) for as long
/// as the context holds it, so row-level security sees the same tenant as the query filters.
/// The value is always written, so a pooled connection never keeps a previous scope's tenant.
/// </summary>
internal sealed class TenantConnectionInterceptor(ITenantContext tenant) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand CreateCommand(DbConnection connection)
    {
        var command = new NpgsqlCommand($"SELECT set_config('{TenantSetting.Name}', $1, false)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.TenantId?.ToString() ?? "" });
        return command;
    }
}
