using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.IntegrationTests.Identity;

[Collection(AppHostTests.Name)]
public sealed class TenantIsolationTests(AppHostFixture fixture)
{
    [Fact]
    public async Task With_tenant_As_token_me_shows_A_and_nothing_of_B()
    {
        var a = await fixture.SignUpAsync();
        var b = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(a.Token);

        var me = await (await client.PostGraphQLAsync("{ me { email shop { id domain } } }")).ReadJsonAsync();

        var text = me.ToString();
        Assert.Equal(a.Id, me.GetProperty("data").GetProperty("me").GetProperty("shop").GetProperty("id").GetGuid());
        Assert.DoesNotContain(b.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(b.Shop, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Raw_SQL_as_the_app_with_tenant_As_setting_sees_no_row_of_B()
    {
        var a = await fixture.SignUpAsync();
        var b = await fixture.SignUpAsync();
        await using var connection = await OpenAsAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, a.Id);

        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM identity.users WHERE tenant_id = $1", b.Id));
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM identity.tenants WHERE id = $1", b.Id));
        Assert.Equal(1L, await CountAsync(connection, "SELECT count(*) FROM identity.users WHERE tenant_id = $1", a.Id));
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM identity.users WHERE tenant_id <> $1", a.Id));
    }

    [Fact]
    public async Task Raw_SQL_as_the_app_without_any_tenant_setting_sees_no_rows_at_all()
    {
        await fixture.SignUpAsync();
        await using var connection = await OpenAsAppAsync();

        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM identity.users"));
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM identity.tenants"));
    }

    [Fact]
    public async Task The_app_cannot_write_a_row_for_another_tenant()
    {
        var a = await fixture.SignUpAsync();
        var b = await fixture.SignUpAsync();
        await using var connection = await OpenAsAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, a.Id);

        await using var command = new NpgsqlCommand(
            "INSERT INTO identity.users (tenant_id, id, email, normalized_email, password_hash, created_at) VALUES ($1, gen_random_uuid(), 'x@example.test', 'x@example.test', 'x', now())",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = b.Id });

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_app_role_is_neither_superuser_nor_exempt_from_row_level_security()
    {
        await using var connection = await OpenAsAppAsync();
        await using var command = new NpgsqlCommand("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", connection);

        Assert.Equal(false, await command.ExecuteScalarAsync());
    }

    private async Task<NpgsqlConnection> OpenAsAppAsync()
    {
        var connection = new NpgsqlConnection(RuntimeRole.ConnectionStringFor(await fixture.OwnerConnectionStringAsync()));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid tenantId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, Guid? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
