using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.IntegrationTests.Identity;

/// <summary>
/// What a copy of the database, or the role the Host runs as, can do with the secrets in it: the Data Protection keys
/// are stored encrypted with a key kept outside the database, and the runtime role can add keys but not change them.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class KeyRingAndRuntimeRoleTests(AppHostFixture fixture) : IAsyncLifetime
{
    private ModuleServices _modules = null!;

    public async Task InitializeAsync() => _modules = await ModuleServices.CreateAsync(fixture);

    public async Task DisposeAsync() => await _modules.DisposeAsync();

    [Fact]
    public async Task The_stored_key_ring_holds_no_key_in_plain_form()
    {
        // A sign-up encrypts the shop's token, so the key ring has at least one key by now.
        await fixture.SignUpAsync();
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM identity.data_protection_keys", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted", xml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("KeyRingXmlDecryptor", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_runtime_role_may_read_and_add_keys_but_never_change_or_delete_them()
    {
        await fixture.SignUpAsync();
        await using var connection = await _modules.RuntimeDataSource.OpenConnectionAsync();

        await using (var read = new NpgsqlCommand("SELECT count(*) FROM identity.data_protection_keys", connection))
        {
            Assert.True((long)(await read.ExecuteScalarAsync())! > 0);
        }

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await ErrorOfAsync(connection, "UPDATE identity.data_protection_keys SET xml = '<key/>'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await ErrorOfAsync(connection, "DELETE FROM identity.data_protection_keys"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await ErrorOfAsync(connection, "TRUNCATE identity.data_protection_keys"));
    }

    [Fact]
    public async Task The_tenant_directory_setting_lets_the_runtime_role_read_every_shop_but_change_none()
    {
        var tenant = await fixture.SignUpAsync();
        await using var connection = await _modules.RuntimeDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var directory = new NpgsqlCommand("SELECT set_config('app.tenant_directory', 'on', true)", connection, transaction))
        {
            await directory.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("SELECT count(*) FROM identity.tenants WHERE id = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        await using var change = new NpgsqlCommand("UPDATE identity.tenants SET name = 'taken over', sync_enabled = false WHERE id = $1", connection, transaction);
        change.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });

        Assert.Equal(1L, await read.ExecuteScalarAsync());
        Assert.Equal(0, await change.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Start_up_leaves_the_runtime_role_with_no_privileges_beyond_logging_in_and_no_memberships()
    {
        var group = $"test_group_{Guid.NewGuid():N}";
        await using (var owner = await fixture.OpenDatabaseAsync())
        {
            // As if someone had widened the role by hand since the last start.
            await using var widen = new NpgsqlCommand(
                $"CREATE ROLE {group} NOLOGIN; GRANT {group} TO {RuntimeRole.Name}; ALTER ROLE {RuntimeRole.Name} CREATEDB CREATEROLE REPLICATION;", owner);
            await widen.ExecuteNonQueryAsync();
        }

        try
        {
            await _modules.Services.MigrateModuleDatabasesAsync();

            await using var connection = await fixture.OpenDatabaseAsync();
            await using var command = new NpgsqlCommand("""
                SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls, r.rolcanlogin,
                       (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid)
                FROM pg_roles r WHERE r.rolname = $1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = RuntimeRole.Name });
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(
                (false, false, false, false, false, true, 0L),
                (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetInt64(6)));
        }
        finally
        {
            await using var owner = await fixture.OpenDatabaseAsync();
            await using var cleanUp = new NpgsqlCommand(
                $"ALTER ROLE {RuntimeRole.Name} NOCREATEDB NOCREATEROLE NOREPLICATION; DROP ROLE IF EXISTS {group};", owner);
            await cleanUp.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_local_servers_password_is_readable_by_its_owner_only()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(fixture.PostgresDirectory));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(fixture.PostgresDirectory, "superuser.password")));
    }

    private static async Task<string?> ErrorOfAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException refused)
        {
            return refused.SqlState;
        }
    }
}
