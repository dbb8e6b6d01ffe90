using Npgsql;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>
/// A PostgreSQL session advisory lock per tenant, held for a whole tenant sync: whatever schedules the work (Quartz
/// on any number of replicas, a manual trigger, a test), two syncs of one tenant never overlap. A crashed holder's
/// session ends and frees the lock with it.
/// </summary>
internal sealed class TenantLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private TenantLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static long KeyFor(Guid tenantId) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"shopingest.sync:{tenantId:N}")));

    /// <summary>Waits until no other sync of the tenant runs anywhere, then holds the lock until disposed.</summary>
    public static async Task<TenantLock> AcquireAsync(NpgsqlDataSource dataSource, Guid tenantId, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = KeyFor(tenantId);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            while (!await TryLockAsync(connection, key, cancellationToken))
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }

            return new TenantLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
